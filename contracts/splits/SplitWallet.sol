// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/**
 * @title SplitWallet
 * @notice The account of one split: 55 bytes of hand-written runtime code followed by the split's initial hash
 * (32 bytes of data, never executed), deployed by {SplitMain} with CREATE2.
 * @dev Behaviour of the runtime:
 * - Called by anyone but its SplitMain: stops successfully (accepts ETH, even with a 2,300-gas stipend; no
 *   delegatecall, no storage).
 * - Called by its SplitMain with calldata `target (32 bytes) ++ value (32 bytes) ++ data`: performs
 *   `target.call{value: value}(data)` and reverts (empty) if that call fails. SplitMain uses this to pull the
 *   wallet's ETH and ERC-20 balances into its ledger, crediting what actually arrived.
 * - The split hash appended after the code lets SplitMain read an immutable split's hash with EXTCODECOPY instead
 *   of storing it (the CREATE2 address, recomputed from that hash, proves the wallet is genuine).
 *
 * Runtime (hex offset: opcode):
 *   00 CALLER; 01 PUSH20 main; 16 EQ; 17 PUSH1 0x1b; 19 JUMPI; 1a STOP;
 *   1b JUMPDEST; PUSH0; PUSH0 (retSize, retOffset); PUSH1 64; CALLDATASIZE; SUB (size); DUP1; PUSH1 64; PUSH0;
 *      CALLDATACOPY (mem[0:size] = data); PUSH0 (argsOffset); PUSH1 32; CALLDATALOAD (value); PUSH0;
 *      CALLDATALOAD (target); GAS; CALL; PUSH1 0x35; JUMPI; PUSH0; PUSH0; REVERT;
 *   35 JUMPDEST; STOP;  37..56 split hash (data)
 * Init code: PUSH1 0x57; DUP1; PUSH1 9; PUSH0; CODECOPY; PUSH0; RETURN (9 bytes), then the runtime.
 */
library SplitWallet {
    /// @notice Offset of the split hash in the wallet's runtime code.
    uint256 internal constant HASH_OFFSET = 0x37;

    /// @notice Creation code of a wallet controlled by `main` for a split whose initial hash is `hash`.
    function initCode(address main, bytes32 hash) internal pure returns (bytes memory) {
        return
            abi.encodePacked(
                hex"60578060095f395ff3",
                hex"3373",
                main,
                hex"14601b57005b5f5f604036038060405f375f6020355f355af16035575f5ffd5b00",
                hash
            );
    }
}
