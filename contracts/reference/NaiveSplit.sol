// solhint-disable one-contract-per-file
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";

/**
 * @title NaiveSplit
 * @notice Gas REFERENCE only (never deployed by the app): an EIP-1167 clone initialised with its payees and
 * shares in storage, distributing ETH by pushing it to every payee.
 */
contract NaiveSplit is Initializable {
    address[] public payees;
    uint256[] public shares;

    error PushFailed();

    function initialize(address[] calldata payees_, uint256[] calldata shares_) external initializer {
        payees = payees_;
        shares = shares_;
    }

    function distribute() external {
        uint256 amount = address(this).balance;
        uint256 n = payees.length;
        for (uint256 i = 0; i < n; ++i) {
            (bool ok, ) = payees[i].call{value: (amount * shares[i]) / 1e6}("");
            if (!ok) revert PushFailed();
        }
    }

    receive() external payable {}
}

/// @notice Gas REFERENCE only: deploys {NaiveSplit} clones.
contract NaiveSplitFactory {
    address public immutable implementation = address(new NaiveSplit());

    function createSplit(address[] calldata payees, uint256[] calldata shares) external returns (address split) {
        split = Clones.clone(implementation);
        NaiveSplit(payable(split)).initialize(payees, shares);
    }
}
