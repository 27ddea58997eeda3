// solhint-disable use-forbidden-name, gas-custom-errors
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Market} from "../../Market.sol";

/**
 * @notice TEST ONLY, never deployed: signed sell orders written without the guards of {Market.fill}, so the order
 * attack tests can be seen to succeed. The digest binds neither chain nor contract (no EIP-712 domain), fills
 * never use the nonce up nor look at the token version, `cancelOrderNonce` is recorded but never checked, and the
 * expiry is ignored. Same ABI as {Market} for `fill`, `orderDigest` and `cancelOrderNonce`.
 */
contract UnguardedOrderMarket {
    mapping(address seller => mapping(uint256 nonce => bool)) public cancelled;
    mapping(address account => uint256) public creditsOf;

    function orderDigest(Market.Order calldata order) public pure returns (bytes32) {
        return keccak256(abi.encode(order)); // BUG: no domain (chain id, contract)
    }

    function cancelOrderNonce(uint256 nonce) external {
        cancelled[msg.sender][nonce] = true; // BUG: never checked by fill
    }

    function fill(Market.Order calldata order, bytes calldata signature) external payable {
        require(msg.value == order.price, "price");
        require(ECDSA.recover(orderDigest(order), signature) == order.seller, "signature");
        // BUG: no expiry, nonce or version check: the order can be filled again whenever the seller owns the token.
        creditsOf[order.seller] += msg.value;
        IERC721(order.collection).transferFrom(order.seller, msg.sender, order.tokenId);
    }
}
