// solhint-disable one-contract-per-file, use-forbidden-name, gas-custom-errors
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC721} from "solady/src/tokens/ERC721.sol";
import {TrackCollection} from "../../TrackCollection.sol";

/**
 * @notice TEST ONLY, never deployed: TrackCollection with its voucher and royalty guards removed, to show that the
 * attack tests can fail. Vouchers are signed over the bare struct hash (no EIP-712 domain: no chain id, no
 * contract), nonces are never consumed, and the royalty cap is not enforced.
 */
contract UnguardedTrackCollection is TrackCollection {
    constructor() TrackCollection("Unguarded", "UNG") {}

    function _voucherDigest(Voucher calldata v) internal pure override returns (bytes32) {
        return _voucherStructHash(v);
    }

    function _useNonce(address, uint256) internal pure override {}

    function _validateRoyalty(address, uint16) internal pure override {}
}

/**
 * @notice TEST ONLY, never deployed: TrackCollection whose `transferFrom` skips the owner / approved / operator
 * check (Solady's internal `_transfer` with `by == address(0)`), to show the ownership tests can fail.
 */
contract NoAuthTrackCollection is TrackCollection {
    constructor() TrackCollection("NoAuth", "NOAUTH") {}

    function transferFrom(address from, address to, uint256 id) public payable override {
        _transfer(address(0), from, to, id);
    }
}

/**
 * @notice TEST ONLY, never deployed: TrackCollection whose approvals skip the per-owner count that its
 * `transferFrom` relies on to know when to clear a per-token approval: an approval then survives the token's move
 * to a new owner (`getApproved` still names the old owner's approved address).
 */
contract UncountedApprovalTrackCollection is TrackCollection {
    constructor() TrackCollection("Uncounted", "UNC") {}

    function _approve(address by, address account, uint256 id) internal override {
        ERC721._approve(by, account, id);
    }
}
