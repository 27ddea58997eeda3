// solhint-disable gas-struct-packing
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC2981} from "@openzeppelin/contracts/interfaces/IERC2981.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

/**
 * @title NaiveMarket
 * @notice Gas REFERENCE only (never deployed by the app): a plain fixed-price market with an unpacked listing
 * struct, storage ReentrancyGuard and push payments of royalty and proceeds.
 */
contract NaiveMarket is ReentrancyGuard {
    struct Listing {
        address seller;
        uint256 price;
        bool active;
    }

    mapping(address collection => mapping(uint256 tokenId => Listing)) public listings;

    error Bad();

    function list(address collection, uint256 tokenId, uint256 price) external {
        if (IERC721(collection).ownerOf(tokenId) != msg.sender) revert Bad();
        listings[collection][tokenId] = Listing(msg.sender, price, true);
    }

    function buy(address collection, uint256 tokenId) external payable nonReentrant {
        Listing memory listing = listings[collection][tokenId];
        if (!listing.active || msg.value != listing.price) revert Bad();
        delete listings[collection][tokenId];
        (address receiver, uint256 royalty) = IERC2981(collection).royaltyInfo(tokenId, msg.value);
        IERC721(collection).safeTransferFrom(listing.seller, msg.sender, tokenId);
        if (royalty != 0) {
            (bool ok1, ) = receiver.call{value: royalty}("");
            if (!ok1) revert Bad();
        }
        (bool ok2, ) = listing.seller.call{value: msg.value - royalty}("");
        if (!ok2) revert Bad();
    }
}
