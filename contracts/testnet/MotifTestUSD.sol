// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/**
 * @title MotifTestUSD
 * @notice TEST TOKEN, WORTHLESS: a 6-decimal stand-in for a stablecoin (USDC has 6 decimals) on the LOCAL chain only,
 * so that prices in an ERC-20 can be tried end to end without a real stablecoin (issue #20). Anyone may mint any
 * amount with {mint}. The constructor refuses every chain but the local anvil (chain id 31337), so this contract
 * can never be deployed where a mintable "USD" could be mistaken for money; Motif's deploy path only deploys it there.
 */
contract MotifTestUSD is ERC20 {
    /// @notice The only chain this token can be deployed on (anvil).
    uint256 public constant LOCAL_CHAIN_ID = 31337;

    /// @notice Deployment on any chain but the local one.
    error LocalChainOnly(uint256 chainId);

    constructor() ERC20("Motif Test USD (local test token)", "tUSD") {
        if (block.chainid != LOCAL_CHAIN_ID) revert LocalChainOnly(block.chainid);
    }

    /// @notice 6, like USDC.
    function decimals() public pure override returns (uint8) {
        return 6;
    }

    /// @notice Mints `amount` test units to `to`; anyone may call (local test token).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
