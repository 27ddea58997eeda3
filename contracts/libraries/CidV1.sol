// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/**
 * @title CidV1
 * @notice Rebuilds the CIDv1 (dag-pb, sha2-256) base32 string of an IPFS folder from the 32-byte sha2-256 digest
 * that a {TrackCollection} stores, so that `tokenURI` is derived on-chain and the metadata is frozen.
 * @dev CID bytes = 0x01 (CIDv1) 0x70 (dag-pb) 0x12 (sha2-256) 0x20 (32-byte length) ++ digest: 36 bytes, encoded
 * as RFC 4648 base32, lower case, without padding (58 characters), after the multibase prefix `b`. Every such CID
 * starts with `bafybei`.
 */
library CidV1 {
    bytes private constant _ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

    /// @notice `b` + base32(0x01701220 ++ digest): the CIDv1 string of a dag-pb node with this sha2-256 digest.
    function toBase32(bytes32 digest) internal pure returns (string memory) {
        bytes memory data = abi.encodePacked(bytes4(0x01701220), digest);
        bytes memory out = new bytes(59);
        out[0] = "b";
        uint256 buffer;
        uint256 bits;
        uint256 j = 1;
        for (uint256 i = 0; i < 36; ++i) {
            buffer = (buffer << 8) | uint8(data[i]);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out[j] = _ALPHABET[(buffer >> bits) & 31];
                ++j;
            }
            buffer &= (1 << bits) - 1;
        }
        // 288 bits = 57 full characters + 3 bits, padded on the right with zeros.
        out[j] = _ALPHABET[(buffer << (5 - bits)) & 31];
        return string(out);
    }

    /// @notice `ipfs://<cid>/metadata.json` for the folder with this digest.
    function metadataURI(bytes32 digest) internal pure returns (string memory) {
        return string.concat("ipfs://", toBase32(digest), "/metadata.json");
    }
}
