// solhint-disable one-contract-per-file, use-forbidden-name, gas-custom-errors
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";

interface IOfferMarket {
    function makeOffer(address collection, uint256 tokenId, uint64 expiry) external payable;
    function cancelOffer(address collection, uint256 tokenId) external;
    function withdraw(address payable account) external;
}

interface IVulnerableMarket {
    function makeOffer(address collection, uint256 tokenId) external payable;
    function cancelOffer(address collection, uint256 tokenId) external;
    function withdraw() external;
}

/**
 * @notice TEST ONLY: makes an offer, and when the token arrives (`onERC721Received`) tries to cancel that same
 * offer to get its ETH back as well as the token.
 */
contract OfferReentrancyAttacker is IERC721Receiver {
    address public immutable market;
    bool public immutable vulnerableApi;
    address private _collection;
    uint256 private _tokenId;
    bool public reentered;
    bool public reentrySucceeded;

    constructor(address market_, bool vulnerableApi_) {
        market = market_;
        vulnerableApi = vulnerableApi_;
    }

    function offer(address collection, uint256 tokenId) external payable {
        _collection = collection;
        _tokenId = tokenId;
        if (vulnerableApi) IVulnerableMarket(market).makeOffer{value: msg.value}(collection, tokenId);
        else IOfferMarket(market).makeOffer{value: msg.value}(collection, tokenId, type(uint64).max);
    }

    function onERC721Received(address, address, uint256, bytes calldata) external returns (bytes4) {
        if (!reentered) {
            reentered = true;
            // Swallow a revert so the purchase itself goes through and the test can check the balances.
            (bool ok, ) = market.call(abi.encodeCall(IOfferMarket.cancelOffer, (_collection, _tokenId)));
            reentrySucceeded = ok;
        }
        return IERC721Receiver.onERC721Received.selector;
    }

    receive() external payable {}
}

/**
 * @notice TEST ONLY: a payee whose payable fallback re-enters `withdraw` to be paid more than once.
 */
contract WithdrawReentrancyAttacker {
    address public immutable market;
    bool public immutable vulnerableApi;
    uint256 public reentries;

    constructor(address market_, bool vulnerableApi_) {
        market = market_;
        vulnerableApi = vulnerableApi_;
    }

    function offer(address collection, uint256 tokenId) external payable {
        if (vulnerableApi) IVulnerableMarket(market).makeOffer{value: msg.value}(collection, tokenId);
        else IOfferMarket(market).makeOffer{value: msg.value}(collection, tokenId, type(uint64).max);
    }

    function cancel(address collection, uint256 tokenId) external {
        if (vulnerableApi) IVulnerableMarket(market).cancelOffer(collection, tokenId);
        else IOfferMarket(market).cancelOffer(collection, tokenId);
    }

    function attackWithdraw() external {
        if (vulnerableApi) IVulnerableMarket(market).withdraw();
        else IOfferMarket(market).withdraw(payable(address(this)));
    }

    receive() external payable {
        if (reentries < 3 && market.balance >= msg.value) {
            ++reentries;
            if (vulnerableApi) {
                // cancelOffer on the vulnerable market refunds before zeroing: re-enter it.
                (bool ok, ) = market.call(abi.encodeWithSignature("cancelOffer(address,uint256)", _lastCollection, _lastTokenId));
                ok;
            } else {
                (bool ok, ) = market.call(abi.encodeCall(IOfferMarket.withdraw, (payable(address(this)))));
                ok;
            }
        }
    }

    address private _lastCollection;
    uint256 private _lastTokenId;

    function setTarget(address collection, uint256 tokenId) external {
        _lastCollection = collection;
        _lastTokenId = tokenId;
    }
}

/// @notice TEST ONLY: rejects every ETH transfer.
contract RevertingRecipient {
    receive() external payable {
        revert("no ETH");
    }
}
