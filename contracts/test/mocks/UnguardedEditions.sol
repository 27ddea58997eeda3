// solhint-disable one-contract-per-file, use-forbidden-name, gas-custom-errors
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Editions} from "../../Editions.sol";

/**
 * @notice TEST ONLY, never deployed: Editions without the phase-order check, so that two phases of an edition can
 * sell at the same time (different prices, separate per-wallet caps).
 */
contract OverlappingPhasesEditions is Editions {
    constructor() Editions("Overlap", "OVL") {}

    function _checkNoOverlap(uint256, uint256, uint256) internal pure override {}
}

/**
 * @notice TEST ONLY, never deployed: Editions whose per-wallet cap counts the recipient (`to`) instead of the
 * paying account, so one contract mints a wallet cap to each of many fresh addresses in one transaction.
 */
contract RecipientCountingEditions is Editions {
    constructor() Editions("Recipient", "RCP") {}

    function _countWalletMints(uint256 editionId, uint256 phase, address to, uint256 quantity, uint256 walletCap)
        internal
        override
    {
        uint256 word = _walletMints[editionId][to];
        uint256 shift = 32 * phase;
        uint256 already = (word >> shift) & _NUMBER_MASK;
        require(already + quantity <= walletCap, "wallet cap");
        _walletMints[editionId][to] = word + (quantity << shift);
    }
}

/**
 * @notice TEST ONLY, never deployed: allowlist leaves are the bare account (`keccak256(keccak256(abi.encode(account)))`),
 * not bound to the edition and phase, so a proof from one phase or edition works in any phase whose tree holds it.
 */
contract UnboundLeafEditions is Editions {
    constructor() Editions("Unbound", "UNB") {}

    function allowlistLeaf(uint256, uint256, address account) public pure override returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(account))));
    }
}

/**
 * @notice TEST ONLY, never deployed: mint approvals signed over a bare hash of (phase, minter, quantity, deadline):
 * no EIP-712 domain (chain, contract), no edition, and the nonce is never used up.
 */
contract ReplayableApprovalEditions is Editions {
    constructor() Editions("Replay", "RPL") {}

    function _mintApprovalDigest(uint256, uint256 phase, address minter, uint256 quantity, uint256, uint256 deadline)
        internal
        pure
        override
        returns (bytes32)
    {
        return keccak256(abi.encode(phase, minter, quantity, deadline));
    }

    function _useApprovalNonce(uint256, uint256) internal pure override {}
}

/**
 * @notice TEST ONLY, never deployed: no referral cap at creation and self-referral accepted, so a collector who
 * names themselves keeps the referral share (up to the whole price).
 */
contract SelfDealingReferralEditions is Editions {
    constructor() Editions("SelfDeal", "SDL") {}

    function _validateTerms(EditionInit calldata init) internal view override {
        EditionInit memory relaxed = init;
        relaxed.referralBps = 0;
        this.validate(relaxed);
    }

    /// @dev The v2 checks except the referral cap (external so that a memory copy can be passed as calldata).
    function validate(EditionInit calldata init) external view {
        super._validateTerms(init);
    }

    function _checkReferrer(address, address) internal pure override {}
}

/**
 * @notice TEST ONLY, never deployed: a v1-style public mint with no reentrancy guard that checks the per-wallet cap,
 * hands the copies over (the receiver's `onERC721Received` runs) and only then records the count, from the value it
 * read before the callback.
 */
contract ReentrantEditions is Editions {
    bool private _skipCount;

    constructor() Editions("Reentrant", "RNT") {}

    function mint(uint256 editionId, uint256 phase, uint256 quantity, address to, address referrer, string calldata comment)
        external
        payable
        override
        returns (uint256 firstTokenId)
    {
        uint256 word = _walletMints[editionId][msg.sender];
        uint256 shift = 32 * phase;
        (Phase memory p, ) = this.phaseOf(editionId, phase);
        require(((word >> shift) & _NUMBER_MASK) + quantity <= p.walletCap, "wallet cap");
        _skipCount = true;
        firstTokenId = _sell(editionId, phase, MODE_PUBLIC, quantity, to, referrer, comment);
        _skipCount = false;
        _walletMints[editionId][msg.sender] = word + (quantity << shift);
    }

    function _countWalletMints(uint256 editionId, uint256 phase, address to, uint256 quantity, uint256 walletCap)
        internal
        override
    {
        if (!_skipCount) super._countWalletMints(editionId, phase, to, quantity, walletCap);
    }
}
