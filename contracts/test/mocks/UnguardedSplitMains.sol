// solhint-disable one-contract-per-file, use-forbidden-name, gas-custom-errors
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {SplitMainV1} from "./SplitMainV1.sol";

/**
 * @notice TEST ONLY, never deployed: v1 (SplitMainV1) that pushes ETH to each recipient during distribution instead of crediting a
 * ledger, so one reverting recipient blocks everybody.
 */
contract PushSplitMain is SplitMainV1 {
    error PushFailed(address to);

    function _credit(address token, address account, uint256 amount) internal override {
        if (token != address(0)) return super._credit(token, account, amount);
        (bool ok, ) = account.call{value: amount}("");
        if (!ok) revert PushFailed(account);
    }
}

/**
 * @notice TEST ONLY, never deployed: v1 (SplitMainV1) that rounds every share down and forgets the remainder, so dust is credited to
 * nobody and stays stuck (funds not conserved).
 */
contract DustLosingSplitMain is SplitMainV1 {
    function _distribute(address token, uint256 amount, address[] calldata accounts, uint32[] calldata shares) internal override {
        for (uint256 i = 0; i < accounts.length; ++i) {
            _credit(token, accounts[i], (amount * shares[i]) / PERCENTAGE_SCALE);
        }
    }
}
