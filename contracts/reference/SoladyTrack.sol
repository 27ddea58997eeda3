// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC721} from "solady/src/tokens/ERC721.sol";
import {ERC2981} from "solady/src/tokens/ERC2981.sol";

/**
 * @title SoladyTrack
 * @notice Gas REFERENCE only (never deployed by the app): the best plain peer for a 1/1 with a royalty, Solady's
 * ERC721 + ERC2981 with a per-token royalty, compiled with Motif's settings and measured in the same bench run as
 * TrackCollection. It has no squat protection and stores no content digest (its token id is whatever the caller
 * passes), which is what TrackCollection pays extra for.
 */
contract SoladyTrack is ERC721, ERC2981 {
    function name() public pure override returns (string memory) {
        return "Solady reference";
    }

    function symbol() public pure override returns (string memory) {
        return "REF";
    }

    function tokenURI(uint256) public pure override returns (string memory) {
        return "";
    }

    /// @notice Mints `id` to `to` with a `bps` royalty to `receiver`. Anyone may call (a reference, not a product).
    function mint(address to, uint256 id, address receiver, uint96 bps) external {
        _mint(to, id);
        _setTokenRoyalty(id, receiver, bps);
    }

    function supportsInterface(bytes4 interfaceId) public view override(ERC721, ERC2981) returns (bool) {
        return ERC721.supportsInterface(interfaceId) || ERC2981.supportsInterface(interfaceId);
    }
}
