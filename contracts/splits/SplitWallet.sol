// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/**
 * @title SplitWallet (v2)
 * @notice The account of one split: 62 bytes of hand-written runtime code followed by the split's initial hash
 * (32 bytes of data, never executed), deployed by {SplitMain} with CREATE2. Hand-written because a Solidity
 * contract or a proxy would cost several times the deployment gas of a split (goal: create a 3-payee split for
 * at most 90,000 gas) and every wallet call on distribution.
 * @dev Behaviour of the runtime:
 * - Empty calldata, from anyone (SplitMain's own withdrawals to a split that is a payee of another split, a
 *   2,300-gas stipend `transfer`, a marketplace paying a royalty): stops successfully, i.e. accepts the ETH.
 * - Non-empty calldata from anyone but its SplitMain: reverts (empty). So a royalty engine probing the receiver
 *   with `getRecipients()` (or any other selector) inside try/catch lands in its catch branch instead of
 *   decoding an empty success; ERC-721/1155 safe transfers to a split revert too (a split holds no NFTs).
 * - Non-empty calldata from its SplitMain: `target (32 bytes) ++ value (32 bytes) ++ data`; performs
 *   `target.call{value: value}(data)` and reverts (empty) if that call fails. SplitMain uses this to pull the
 *   wallet's ETH and ERC-20 balances into its ledger. SplitMain only ever sends at least 64 bytes.
 * - The split hash appended after the code lets SplitMain read an immutable split's hash with EXTCODECOPY instead
 *   of storing it (the CREATE2 address, recomputed from that hash, proves the wallet is genuine).
 *
 * Runtime (hex offset: opcode):
 *   00 CALLDATASIZE; ISZERO; PUSH1 0x3c; JUMPI                       (empty calldata: accept)
 *   05 CALLER; PUSH20 main; EQ; PUSH1 0x22; JUMPI; PUSH0; PUSH0; REVERT  (calldata from a stranger: revert)
 *   22 JUMPDEST; PUSH0; PUSH0 (retSize, retOffset); PUSH1 64; CALLDATASIZE; SUB (size); DUP1; PUSH1 64; PUSH0;
 *      CALLDATACOPY (mem[0:size] = data); PUSH0 (argsOffset); PUSH1 32; CALLDATALOAD (value); PUSH0;
 *      CALLDATALOAD (target); GAS; CALL; PUSH1 0x3c; JUMPI; PUSH0; PUSH0; REVERT;
 *   3c JUMPDEST; STOP;   3e..5d split hash (data)
 * Init code: PUSH1 0x5e; DUP1; PUSH1 9; PUSH0; CODECOPY; PUSH0; RETURN (9 bytes), then the runtime.
 */
library SplitWallet {
    /// @notice Offset of the split hash in the wallet's runtime code.
    uint256 internal constant HASH_OFFSET = 0x3e;

    /// @notice Creation code of a wallet controlled by `main` for a split whose initial hash is `hash`.
    function initCode(address main, bytes32 hash) internal pure returns (bytes memory) {
        return
            abi.encodePacked(
                hex"605e8060095f395ff3",
                hex"3615603c573373",
                main,
                hex"146022575f5ffd5b5f5f604036038060405f375f6020355f355af1603c575f5ffd5b00",
                hash
            );
    }
}
