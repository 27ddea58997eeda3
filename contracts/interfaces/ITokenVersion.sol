// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/**
 * @title ITokenVersion
 * @notice An ERC-721 extension that counts how often each token has moved, so that a listing or signed order made
 * at version `v` dies for good once the token moves (even if it later returns to the same seller).
 * @dev Detected through ERC-165. The version of a token changes on every transfer (mint excluded) and never
 * repeats within the range the implementation documents.
 */
interface ITokenVersion {
    /// @notice Current version of `tokenId`; reverts for a token that does not exist.
    function tokenVersion(uint256 tokenId) external view returns (uint256);
}
