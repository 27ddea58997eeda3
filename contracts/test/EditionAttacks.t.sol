// solhint-disable func-name-mixedcase, one-contract-per-file, use-forbidden-name, gas-custom-errors, gas-increment-by-one
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Editions} from "../Editions.sol";
import {EditionsBase} from "./Editions.t.sol";
import {
    OverlappingPhasesEditions,
    RecipientCountingEditions,
    UnboundLeafEditions,
    ReplayableApprovalEditions,
    SelfDealingReferralEditions,
    ReentrantEditions
} from "./mocks/UnguardedEditions.sol";

/// @notice One contract, one transaction, many recipient wallets: tries to mint a wallet cap to each.
contract MultiWalletMinter {
    function run(Editions c, uint256 id, uint256 wallets, uint256 perWallet, uint256 price) external payable returns (uint256 copies) {
        for (uint256 i; i < wallets; ++i) {
            address fresh = address(uint160(0xF00000 + i));
            try c.mint{value: price * perWallet}(id, 0, perWallet, fresh, address(0), "") {
                copies += perWallet;
            } catch {}
        }
    }

    receive() external payable {}
}

/// @notice A collector contract that mints again from inside `onERC721Received`.
contract ReenteringCollector {
    Editions public c;
    uint256 public id;
    uint256 public price;
    uint256 public reentries;
    uint256 public maxReentries;

    function attack(Editions c_, uint256 id_, uint256 price_, uint256 maxReentries_) external payable {
        (c, id, price, maxReentries) = (c_, id_, price_, maxReentries_);
        c_.mint{value: price_}(id_, 0, 1, address(this), address(0), "");
    }

    function onERC721Received(address, address, uint256, bytes calldata) external returns (bytes4) {
        if (reentries < maxReentries) {
            ++reentries;
            try c.mint{value: price}(id, 0, 1, address(this), address(0), "") {} catch {}
        }
        return this.onERC721Received.selector;
    }

    receive() external payable {}
}

/**
 * @notice Editions attacks. Every attack runs twice: against Editions (the attack must fail) and against a
 * deliberately unguarded variant (test/mocks/UnguardedEditions.sol), where the same check must see it succeed, so
 * no attack test can pass vacuously.
 */
contract EditionAttacksTest is EditionsBase {
    function setUp() public {
        _setUpActors();
    }

    // ---------------------------------------------------------------- phase overlap

    /// @dev The creator (by mistake, or a compromised front end) sets a cheap presale that overlaps the public sale.
    /// Returns whether the edition was created and how many copies one wallet (cap 1 per phase) got at one moment.
    function _overlap(Editions c) internal returns (bool created, uint256 copies) {
        Editions.PhaseInit[] memory ps = _two(
            _phase(PRICE / 10, t0, t0 + 2 days, 1, 0),
            _phase(PRICE, t0 + 1 days, t0 + 3 days, 1, 0)
        );
        vm.prank(creator);
        (created, ) = address(c).call(abi.encodeCall(Editions.createEdition, (_init(CONTENT), ps)));
        if (!created) return (false, 0);
        uint256 id = c.editionIdOf(creator, CONTENT);
        vm.warp(t0 + 1 days + 1 hours);
        for (uint256 phase; phase < 2; ++phase) {
            vm.prank(collector);
            (bool ok, ) = address(c).call{value: phase == 0 ? PRICE / 10 : PRICE}(
                abi.encodeCall(Editions.mint, (id, phase, 1, collector, address(0), ""))
            );
            if (ok) ++copies;
        }
    }

    function test_phaseOverlap_guarded() public {
        Editions c = new Editions("Motif Editions", "MOTIFED");
        (bool created, uint256 copies) = _overlap(c);
        assertFalse(created, "overlapping phases accepted");
        assertEq(copies, 0);
        // Nor can an appended phase overlap the last one.
        vm.prank(creator);
        uint256 id = c.createEdition(_init(CONTENT), _one(_phase(PRICE, t0, t0 + 2 days, 1, 0)));
        vm.prank(creator);
        vm.expectRevert(abi.encodeWithSelector(Editions.PhasesOverlap.selector, 1));
        c.addPhase(id, _phase(PRICE / 10, t0 + 1 days, t0 + 3 days, 1, 0));
    }

    function test_phaseOverlap_mockSellsTwoPhasesAtOnce() public {
        (bool created, uint256 copies) = _overlap(new OverlappingPhasesEditions());
        assertTrue(created);
        assertEq(copies, 2, "expected two phases selling at the same moment");
    }

    // ---------------------------------------------------------------- cap bypass through many wallets

    function _manyWallets(Editions c) internal returns (uint256 copies) {
        vm.prank(creator);
        uint256 id = c.createEdition(_init(CONTENT), _one(_phase(PRICE, t0, t0 + 1 days, 2, 0)));
        MultiWalletMinter m = new MultiWalletMinter();
        vm.deal(address(m), 1 ether);
        copies = m.run(c, id, 10, 2, PRICE);
    }

    function test_capBypassManyWallets_guarded() public {
        assertEq(_manyWallets(new Editions("Motif Editions", "MOTIFED")), 2, "one payer, one wallet cap");
    }

    function test_capBypassManyWallets_mockCountsRecipients() public {
        assertEq(_manyWallets(new RecipientCountingEditions()), 20, "expected the cap per recipient");
    }

    // ---------------------------------------------------------------- allowlist proof reuse

    /**
     * @dev One creator-wide allowlist file (the same root in three allowlist phases): the collector is listed for
     * phase 0 of edition A only; the friend for A's phase 1 and B's phase 0. Returns how many of the collector's
     * mints outside their entry (A phase 1, B phase 0) succeeded with the proof of their A-phase-0 entry.
     */
    function _proofReuse(Editions c) internal returns (uint256 reused) {
        uint256 a = c.editionIdOf(creator, CONTENT);
        uint256 b = c.editionIdOf(creator, OTHER_CONTENT);
        bytes32[] memory leaves = new bytes32[](3);
        leaves[0] = c.allowlistLeaf(a, 0, collector);
        leaves[1] = c.allowlistLeaf(a, 1, friend);
        leaves[2] = c.allowlistLeaf(b, 0, friend);
        bytes32 root = _root(leaves);
        Editions.PhaseInit memory p0 = _phase(PRICE, t0, t0 + 1 days, 1, 0);
        Editions.PhaseInit memory p1 = _phase(PRICE, t0 + 1 days, t0 + 2 days, 1, 0);
        Editions.PhaseInit memory pb = _phase(PRICE, t0, t0 + 2 days, 1, 0);
        (p0.mode, p1.mode, pb.mode) = (1, 1, 1);
        (p0.merkleRoot, p1.merkleRoot, pb.merkleRoot) = (root, root, root);
        vm.startPrank(creator);
        c.createEdition(_init(CONTENT), _two(p0, p1));
        c.createEdition(_init(OTHER_CONTENT), _one(pb));
        vm.stopPrank();
        bytes32[] memory proof = _proof(leaves, 0);
        vm.prank(collector);
        c.mintAllowlisted{value: PRICE}(a, 0, 1, collector, address(0), "", proof); // the legitimate use
        vm.warp(t0 + 1 days);
        vm.prank(collector);
        (bool otherPhase, ) = address(c).call{value: PRICE}(
            abi.encodeCall(Editions.mintAllowlisted, (a, 1, 1, collector, address(0), "", proof))
        );
        vm.prank(collector);
        (bool otherEdition, ) = address(c).call{value: PRICE}(
            abi.encodeCall(Editions.mintAllowlisted, (b, 0, 1, collector, address(0), "", proof))
        );
        reused = (otherPhase ? 1 : 0) + (otherEdition ? 1 : 0);
    }

    function test_allowlistProofReuse_guarded() public {
        assertEq(_proofReuse(new Editions("Motif Editions", "MOTIFED")), 0, "a proof worked outside its phase");
    }

    function test_allowlistProofReuse_mockAcceptsAnyPhaseAndEdition() public {
        assertEq(_proofReuse(new UnboundLeafEditions()), 2, "expected the proof to work in both");
    }

    // ---------------------------------------------------------------- signature replay

    function _signedPhase() internal view returns (Editions.PhaseInit[] memory) {
        Editions.PhaseInit memory p = _phase(PRICE, t0, t0 + 1 days, 0, 0);
        p.mode = 2;
        return _one(p);
    }

    function _tryApproved(Editions c, uint256 id, uint256 nonce, uint256 deadline, bytes memory sig) internal returns (bool ok) {
        vm.prank(collector);
        (ok, ) = address(c).call{value: PRICE}(
            abi.encodeCall(Editions.mintApproved, (id, 0, 1, collector, address(0), "", nonce, deadline, sig))
        );
    }

    /// @dev One approval (edition A of contract `c`, this chain, nonce 1) tried on another chain, another contract,
    /// another edition, then used, then replayed. Returns how many of the four replays minted.
    function _replay(Editions c, Editions other) internal returns (uint256 replays) {
        vm.startPrank(creator);
        uint256 a = c.createEdition(_init(CONTENT), _signedPhase());
        uint256 b = c.createEdition(_init(OTHER_CONTENT), _signedPhase());
        other.createEdition(_init(CONTENT), _signedPhase());
        vm.stopPrank();
        uint256 deadline = t0 + 1 hours;
        bytes memory sig = signDigest(creatorKey, c.mintApprovalDigest(a, 0, collector, 1, 1, deadline));
        uint256 chain = block.chainid;
        vm.chainId(chain + 1);
        if (_tryApproved(c, a, 1, deadline, sig)) ++replays; // another chain
        vm.chainId(chain);
        if (_tryApproved(other, a, 1, deadline, sig)) ++replays; // another contract
        if (_tryApproved(c, b, 1, deadline, sig)) ++replays; // another edition
        assertTrue(_tryApproved(c, a, 1, deadline, sig), "the approval itself");
        if (_tryApproved(c, a, 1, deadline, sig)) ++replays; // the same again
    }

    function test_signatureReplay_guarded() public {
        Editions c = new Editions("Motif Editions", "MOTIFED");
        Editions other = new Editions("Motif Editions", "MOTIFED");
        assertEq(_replay(c, other), 0, "an approval was replayed");
        assertEq(c.balanceOf(collector), 1);
    }

    function test_signatureReplay_mockReplaysEverywhere() public {
        assertEq(_replay(new ReplayableApprovalEditions(), new ReplayableApprovalEditions()), 4, "expected 4 replays");
    }

    // ---------------------------------------------------------------- referral self-dealing

    /**
     * @dev The creator asks for the whole price as referral share (a typo, or a front end that lies); the collector
     * names themselves, then their second wallet. Returns the creator's net and what the collector's wallets got back.
     */
    function _selfDeal(Editions c) internal returns (uint256 creatorNet, uint256 kickback, uint256 paid) {
        Editions.EditionInit memory init = _init(CONTENT);
        init.referralBps = 10_000;
        vm.prank(creator);
        (bool ok, ) = address(c).call(
            abi.encodeCall(Editions.createEdition, (init, _one(_phase(PRICE, t0, t0 + 1 days, 0, 0))))
        );
        if (!ok) {
            init.referralBps = c.MAX_REFERRAL_BPS();
            vm.prank(creator);
            c.createEdition(init, _one(_phase(PRICE, t0, t0 + 1 days, 0, 0)));
        }
        uint256 id = c.editionIdOf(creator, CONTENT);
        vm.prank(collector);
        (ok, ) = address(c).call{value: 4 * PRICE}(
            abi.encodeCall(Editions.mint, (id, 0, 4, collector, collector, "self"))
        );
        if (ok) paid += 4 * PRICE;
        vm.prank(collector);
        c.mint{value: 4 * PRICE}(id, 0, 4, collector, friend, "my other wallet");
        paid += 4 * PRICE;
        creatorNet = c.stateOf(id).pending;
        kickback = c.creditsOf(collector) + c.creditsOf(friend);
    }

    function test_referralSelfDealing_guarded() public {
        Editions c = new Editions("Motif Editions", "MOTIFED");
        (uint256 creatorNet, uint256 kickback, uint256 paid) = _selfDeal(c);
        assertEq(paid, 4 * PRICE, "self-referral accepted");
        assertEq(c.creditsOf(collector), 0);
        assertLe(kickback * 10_000, paid * c.MAX_REFERRAL_BPS(), "kickback above the cap");
        assertEq(creatorNet + kickback, paid);
    }

    function test_referralSelfDealing_mockGivesAwayThePrice() public {
        SelfDealingReferralEditions c = new SelfDealingReferralEditions();
        (uint256 creatorNet, uint256 kickback, uint256 paid) = _selfDeal(c);
        assertEq(paid, 8 * PRICE);
        assertEq(creatorNet, 0, "expected the creator to get nothing");
        assertEq(kickback, paid, "expected the collector's wallets to get it all back");
    }

    // ---------------------------------------------------------------- reentrancy through the ERC-721 receiver

    function _reenter(Editions c) internal returns (uint256 copies) {
        vm.prank(creator);
        uint256 id = c.createEdition(_init(CONTENT), _one(_phase(PRICE, t0, t0 + 1 days, 1, 0)));
        ReenteringCollector r = new ReenteringCollector();
        vm.deal(address(r), 1 ether);
        r.attack(c, id, PRICE, 5);
        copies = c.balanceOf(address(r));
        assertEq(c.stateOf(id).pending, copies * PRICE, "revenue == copies sold");
    }

    function test_reentrancyReceiver_guarded() public {
        assertEq(_reenter(new Editions("Motif Editions", "MOTIFED")), 1, "wallet cap 1 exceeded by reentry");
    }

    function test_reentrancyReceiver_mockExceedsTheWalletCap() public {
        assertEq(_reenter(new ReentrantEditions()), 6, "expected every reentry to mint");
    }
}
