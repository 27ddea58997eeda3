// solhint-disable one-contract-per-file, use-forbidden-name, gas-custom-errors
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC2981} from "@openzeppelin/contracts/interfaces/IERC2981.sol";

/// @notice TEST ONLY: a 6-decimal token that burns 1% of every transfer (fee on transfer).
contract FeeOnTransferToken is ERC20 {
    constructor() ERC20("Fee", "FEE") {}

    function decimals() public pure override returns (uint8) {
        return 6;
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from != address(0) && to != address(0)) {
            uint256 cut = value / 100;
            super._update(from, address(0), cut);
            value -= cut;
        }
        super._update(from, to, value);
    }
}

/// @notice TEST ONLY: `transfer` / `transferFrom` return false and move nothing (a token that fails quietly).
contract FalseReturningToken is ERC20 {
    constructor() ERC20("False", "FALSE") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function transfer(address, uint256) public pure override returns (bool) {
        return false;
    }

    function transferFrom(address, address, uint256) public pure override returns (bool) {
        return false;
    }
}

/// @notice TEST ONLY: `transferFrom` returns true and moves nothing; `balanceOf` tells the truth (nothing arrived).
contract LyingToken is ERC20 {
    constructor() ERC20("Lying", "LIE") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function transferFrom(address, address, uint256) public pure override returns (bool) {
        return true;
    }
}

/// @notice TEST ONLY: a token that, while moving funds, calls back `target` with `data` (once), like an ERC-777 hook.
contract ReentrantToken is ERC20 {
    address public target;
    bytes public data;
    bool public reentered;
    bytes public reentryError;

    constructor() ERC20("Reenter", "REE") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function arm(address target_, bytes calldata data_) external {
        target = target_;
        data = data_;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        address t = target;
        if (t != address(0)) {
            target = address(0);
            (bool ok, bytes memory ret) = t.call(data);
            reentered = ok;
            reentryError = ret;
            if (!ok) {
                // Bubble the market's refusal up, so the outer call fails with the guard's error.
                assembly ("memory-safe") {
                    revert(add(ret, 32), mload(ret))
                }
            }
        }
    }
}

/**
 * @notice TEST ONLY, deliberately unguarded: an ERC-20 market the way a naive one is written. Any token (no
 * allowlist), the buyer pays whatever the listing says now (no price named), `transferFrom`'s return value ignored,
 * the amount credited as sent (not measured). The attack tests show each of these losing money.
 */
contract NaiveCurrencyMarket {
    struct Listing {
        address seller;
        address currency;
        uint256 price;
    }

    mapping(address collection => mapping(uint256 tokenId => Listing)) public listings;
    mapping(address account => mapping(address currency => uint256)) public credits;

    function list(address collection, uint256 tokenId, address currency, uint256 price) external {
        require(IERC721(collection).ownerOf(tokenId) == msg.sender, "owner");
        listings[collection][tokenId] = Listing(msg.sender, currency, price);
    }

    function buy(address collection, uint256 tokenId) external {
        Listing memory l = listings[collection][tokenId];
        require(l.seller != address(0), "listed");
        delete listings[collection][tokenId];
        // solhint-disable-next-line check-send-result
        (bool ok, ) = l.currency.call(abi.encodeCall(IERC20.transferFrom, (msg.sender, address(this), l.price)));
        ok; // ignored: a token that returns false is taken as paid
        uint256 royalty;
        address receiver;
        try IERC2981(collection).royaltyInfo(tokenId, l.price) returns (address r, uint256 a) {
            (receiver, royalty) = (r, a);
        } catch {}
        if (royalty != 0) credits[receiver][l.currency] += royalty;
        credits[l.seller][l.currency] += l.price - royalty;
        IERC721(collection).transferFrom(l.seller, msg.sender, tokenId);
    }

    function withdraw(address currency) external {
        uint256 amount = credits[msg.sender][currency];
        credits[msg.sender][currency] = 0;
        IERC20(currency).transfer(msg.sender, amount);
    }
}
