// solhint-disable one-contract-per-file
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice One recipient of a royalty splitter, as royalty engines expect it.
struct Recipient {
    address payable recipient;
    uint16 bps;
}

/// @notice The splitter interface royalty engines probe an ERC-2981 receiver for.
interface IRoyaltySplitter {
    function getRecipients() external view returns (Recipient[] memory);
}

/**
 * @notice TEST ONLY: reproduces how a royalty engine treats an ERC-2981 receiver. It asks the receiver for its
 * recipients inside try/catch; a receiver that answers is paid through its recipients, one that reverts is paid
 * directly. A receiver that answers with an empty success makes the decoding of the answer revert, which the
 * catch branch cannot catch: the whole lookup (and the sale that needed it) reverts.
 */
contract RoyaltyEngineProbe {
    /// @return recipients Who gets the royalty.
    /// @return amounts How much each gets of `amount`.
    function getRoyalty(
        address receiver,
        uint256 amount
    ) external view returns (address payable[] memory recipients, uint256[] memory amounts) {
        try IRoyaltySplitter(receiver).getRecipients() returns (Recipient[] memory r) {
            recipients = new address payable[](r.length);
            amounts = new uint256[](r.length);
            for (uint256 i = 0; i < r.length; ++i) {
                recipients[i] = r[i].recipient;
                amounts[i] = (amount * r[i].bps) / 10_000;
            }
        } catch {
            recipients = new address payable[](1);
            amounts = new uint256[](1);
            recipients[0] = payable(receiver);
            amounts[0] = amount;
        }
    }
}
