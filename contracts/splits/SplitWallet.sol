// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/**
 * @title SplitWallet
 * @notice The account of one split: 61 bytes of hand-written runtime code, deployed by {SplitMain} with CREATE2.
 * @dev Behaviour of the runtime:
 * - Called by anyone but its SplitMain: stops successfully (accepts ETH, even with a 2,300-gas stipend; no
 *   delegatecall, no storage).
 * - Called by its SplitMain with calldata `target (32 bytes) ++ value (32 bytes) ++ data`: performs
 *   `target.call{value: value}(data)` and returns or reverts with the callee's return data. SplitMain uses this to
 *   pull the wallet's ETH and ERC-20 balances into its ledger.
 *
 * Runtime (offset: opcode):
 *   00 CALLER; 01 PUSH20 main; 16 EQ; 17 PUSH1 0x1b; 19 JUMPI; 1a STOP;
 *   1b JUMPDEST; PUSH0; PUSH0 (retSize, retOffset); PUSH1 64; CALLDATASIZE; SUB (size); DUP1; PUSH1 64; PUSH0;
 *      CALLDATACOPY (mem[0:size] = data); PUSH0 (argsOffset); PUSH1 32; CALLDATALOAD (value); PUSH0;
 *      CALLDATALOAD (target); GAS; CALL; RETURNDATASIZE; PUSH0; PUSH0; RETURNDATACOPY; PUSH1 0x39; JUMPI;
 *      RETURNDATASIZE; PUSH0; REVERT;
 *   39 JUMPDEST; RETURNDATASIZE; PUSH0; RETURN
 * Init code: PUSH1 61; DUP1; PUSH1 9; PUSH0; CODECOPY; PUSH0; RETURN (9 bytes), then the runtime.
 */
library SplitWallet {
    /// @notice Creation code of a wallet controlled by `main`.
    function initCode(address main) internal pure returns (bytes memory) {
        return
            abi.encodePacked(
                hex"603d8060095f395ff3",
                hex"3373",
                main,
                hex"14601b57005b5f5f604036038060405f375f6020355f355af13d5f5f3e6039573d5ffd5b3d5ff3"
            );
    }
}
