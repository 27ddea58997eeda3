// solhint-disable one-contract-per-file, use-forbidden-name, gas-custom-errors
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";

/**
 * @notice TEST ONLY, never deployed: a market written without the guards of {Market}, so the attack tests can be
 * seen to fail. No reentrancy guard; `acceptOffer` hands the token over (calling `onERC721Received`) before it
 * deletes the offer; `cancelOffer` and `withdraw` send ETH before updating state; `buy` does not check that the
 * seller still owns the token and takes it from whoever owns it now.
 */
contract VulnerableMarket {
    struct Listing {
        address seller;
        uint256 price;
    }

    mapping(address => mapping(uint256 => Listing)) public listings;
    mapping(address => mapping(uint256 => mapping(address => uint256))) public offers;
    mapping(address => uint256) public credits;

    function list(address collection, uint256 tokenId, uint256 price) external {
        require(IERC721(collection).ownerOf(tokenId) == msg.sender, "owner");
        listings[collection][tokenId] = Listing(msg.sender, price);
    }

    function buy(address collection, uint256 tokenId) external payable {
        Listing memory l = listings[collection][tokenId];
        require(l.seller != address(0) && msg.value == l.price, "listing");
        delete listings[collection][tokenId];
        credits[l.seller] += msg.value;
        address owner = IERC721(collection).ownerOf(tokenId); // BUG: not checked against l.seller
        IERC721(collection).transferFrom(owner, msg.sender, tokenId);
    }

    function makeOffer(address collection, uint256 tokenId) external payable {
        offers[collection][tokenId][msg.sender] += msg.value;
    }

    function cancelOffer(address collection, uint256 tokenId) external {
        uint256 amount = offers[collection][tokenId][msg.sender];
        require(amount != 0, "no offer");
        (bool ok, ) = msg.sender.call{value: amount}(""); // BUG: interaction before effect
        require(ok, "refund");
        offers[collection][tokenId][msg.sender] = 0;
    }

    function acceptOffer(address collection, uint256 tokenId, address buyer) external {
        uint256 amount = offers[collection][tokenId][buyer];
        require(amount != 0, "no offer");
        IERC721(collection).safeTransferFrom(msg.sender, buyer, tokenId); // BUG: callback before effects
        offers[collection][tokenId][buyer] = 0;
        credits[msg.sender] += amount;
    }

    function withdraw() external {
        uint256 amount = credits[msg.sender];
        (bool ok, ) = msg.sender.call{value: amount}(""); // BUG: interaction before effect
        require(ok, "send");
        credits[msg.sender] = 0;
    }
}
