// solhint-disable one-contract-per-file, use-forbidden-name, gas-custom-errors
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {TrackCollection} from "../../TrackCollection.sol";

/**
 * @notice TEST ONLY, never deployed: TrackCollection with its guards removed, to show that the attack tests
 * can fail. Vouchers are signed over the bare struct hash (no EIP-712 domain: no chain id, no contract),
 * nonces are never consumed, and the royalty cap is not enforced.
 */
contract UnguardedTrackCollection is TrackCollection {
    constructor() TrackCollection("Unguarded", "UNG") {}

    function _voucherDigest(Voucher calldata v) internal pure override returns (bytes32) {
        return _voucherStructHash(v);
    }

    function _useNonce(address, uint256) internal pure override {}

    function _validateRoyalty(address, uint16) internal pure override {}
}
