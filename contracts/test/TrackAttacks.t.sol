// solhint-disable func-name-mixedcase, one-contract-per-file, use-forbidden-name, gas-custom-errors, gas-increment-by-one
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "./utils/Test.sol";
import {TrackCollection} from "../TrackCollection.sol";
import {Licences} from "../libraries/Licences.sol";
import {TrackCollectionV1} from "./mocks/TrackCollectionV1.sol";
import {
    UnguardedTrackCollection,
    NoAuthTrackCollection,
    UncountedApprovalTrackCollection
} from "./mocks/UnguardedTrackCollection.sol";
import {CallOnlyWallet} from "./TrackCollection.t.sol";

/**
 * @notice TrackCollection attacks. Every attack runs twice: against TrackCollection v2 (the attack must fail) and
 * against the audited v1 (test/mocks/TrackCollectionV1.sol) or a deliberately unguarded variant
 * (test/mocks/UnguardedTrackCollection.sol), where the same check must detect the attack: each check can fail.
 */
contract TrackAttacksTest is Test {
    uint256 internal creatorKey = 0xA11CE;
    address internal creator;
    address internal collector = address(0xC011);
    address internal squatter = address(0x5017);
    bytes32 internal constant CONTENT = keccak256("the creator's track");
    bytes32 internal constant MANIFEST = keccak256("manifest");

    function setUp() public {
        creator = vm.addr(creatorKey);
        vm.deal(collector, 100 ether);
        vm.deal(squatter, 100 ether);
    }

    // ---------------------------------------------------------------- track squatting (audit: High)

    /**
     * @dev A squatter mints the creator's content digest first (with their own royalty), then the creator mints
     * their track. Returns whether the creator could still mint, and the ids both got. `mint` has the same
     * signature in v1 and v2.
     */
    function _squat(address c) internal returns (bool creatorMinted, uint256 squatId, uint256 creatorId) {
        vm.prank(squatter);
        squatId = TrackCollection(c).mint(squatter, CONTENT, bytes32(0), squatter, 5000, 0);
        vm.prank(creator);
        (bool ok, bytes memory ret) = c.call(
            abi.encodeCall(TrackCollection.mint, (creator, CONTENT, MANIFEST, creator, 500, Licences.CC_BY_4_0))
        );
        creatorMinted = ok;
        if (ok) creatorId = abi.decode(ret, (uint256));
    }

    function test_squat_guarded() public {
        TrackCollection c = new TrackCollection("Motif", "M");
        (bool creatorMinted, uint256 squatId, uint256 creatorId) = _squat(address(c));
        assertTrue(creatorMinted, "creator locked out of their own track");
        assertTrue(squatId != creatorId, "squatter got the creator's id");
        assertEq(creatorId, c.trackId(creator, CONTENT));
        assertEq(c.creatorOf(creatorId), creator);
        assertEq(c.creatorOf(squatId), squatter);
        assertEq(c.ownerOf(c.trackId(creator, CONTENT)), creator);
        (address r, ) = c.royaltyInfo(creatorId, 1 ether);
        assertEq(r, creator, "creator's royalty");
    }

    function test_squat_v1IsVulnerable() public {
        TrackCollectionV1 c = new TrackCollectionV1("Motif", "M");
        (bool creatorMinted, uint256 squatId, ) = _squat(address(c));
        assertFalse(creatorMinted, "expected the creator to be locked out");
        // The id that verifies as the track (v1: the digest) belongs to the squatter, with the squatter's royalty.
        assertEq(squatId, uint256(CONTENT));
        assertEq(c.ownerOf(uint256(CONTENT)), squatter);
        (address r, uint256 amount) = c.royaltyInfo(uint256(CONTENT), 1 ether);
        assertEq(r, squatter);
        assertEq(amount, 0.5 ether);
    }

    /// @dev Nobody but the creator can obtain the id of the creator's track, whatever they mint first, and the
    /// creator can always mint it afterwards.
    /// forge-config: default.fuzz.runs = 10000
    function testFuzz_squat_neverTakesTheCreatorsId(address other, bytes32 content, bytes32 otherContent) public {
        vm.assume(other != creator && other != address(0) && other.code.length == 0 && content != bytes32(0) && otherContent != bytes32(0));
        TrackCollection c = new TrackCollection("Motif", "M");
        vm.startPrank(other);
        uint256 a = c.mint(other, content, bytes32(0), other, 100, 0);
        uint256 b = c.trackId(other, otherContent) == a ? a : c.mint(other, otherContent, bytes32(0), other, 100, 0);
        vm.stopPrank();
        uint256 target = c.trackId(creator, content);
        assertTrue(a != target && b != target, "another account minted the creator's id");
        vm.prank(creator);
        assertEq(c.mint(creator, content, MANIFEST, creator, 500, 0), target);
        assertEq(c.creatorOf(target), creator);
        assertEq(c.creatorOf(a), other);
    }

    // ---------------------------------------------------------------- voucher front-running

    function _v2Voucher(uint256 nonce) internal view returns (TrackCollection.Voucher memory) {
        return
            TrackCollection.Voucher({
                creator: creator,
                content: CONTENT,
                manifest: MANIFEST,
                price: 1 ether,
                payout: creator,
                royaltyReceiver: creator,
                royaltyBps: 500,
                licence: Licences.CC0_1_0,
                nonce: nonce,
                deadline: block.timestamp + 1 days
            });
    }

    /// @dev A collector's redemption of a published voucher, after a front-runner tried to take the track first
    /// (minting its digest directly) and to redeem it with the payout or royalty receiver pointed at themselves.
    /// Returns whether the collector got the creator's track and the creator's payout was credited.
    function _frontRunV2(TrackCollection c) internal returns (bool collectorGotTrack) {
        TrackCollection.Voucher memory v = _v2Voucher(7);
        bytes memory sig = signDigest(creatorKey, c.voucherDigest(v));
        vm.startPrank(squatter);
        c.mint(squatter, v.content, bytes32(0), squatter, 5000, 0);
        TrackCollection.Voucher memory tampered = _v2Voucher(7); // a copy: memory structs alias
        tampered.payout = squatter;
        (bool stolePayout, ) = address(c).call{value: 1 ether}(
            abi.encodeCall(TrackCollection.redeem, (tampered, sig, squatter))
        );
        tampered = _v2Voucher(7);
        tampered.royaltyReceiver = squatter;
        (bool stoleRoyalty, ) = address(c).call{value: 1 ether}(
            abi.encodeCall(TrackCollection.redeem, (tampered, sig, squatter))
        );
        vm.stopPrank();
        assertFalse(stolePayout || stoleRoyalty, "tampered voucher redeemed");
        vm.prank(collector);
        (bool ok, ) = address(c).call{value: 1 ether}(abi.encodeCall(TrackCollection.redeem, (v, sig, collector)));
        return ok && c.ownerOf(c.trackId(creator, v.content)) == collector && c.creditsOf(creator) == 1 ether;
    }

    function _frontRunV1(TrackCollectionV1 c) internal returns (bool collectorGotTrack) {
        TrackCollectionV1.Voucher memory v = TrackCollectionV1.Voucher({
            creator: creator,
            content: CONTENT,
            manifest: MANIFEST,
            price: 1 ether,
            royaltyReceiver: creator,
            royaltyBps: 500,
            licence: Licences.CC0_1_0,
            nonce: 7,
            deadline: block.timestamp + 1 days
        });
        bytes memory sig = signDigest(creatorKey, c.voucherDigest(v));
        vm.prank(squatter);
        c.mint(squatter, v.content, bytes32(0), squatter, 5000, 0);
        vm.prank(collector);
        (bool ok, ) = address(c).call{value: 1 ether}(abi.encodeCall(TrackCollectionV1.redeem, (v, sig, collector)));
        return ok && c.ownerOf(uint256(v.content)) == collector && c.creditsOf(creator) == 1 ether;
    }

    function test_voucherFrontRun_guarded() public {
        assertTrue(_frontRunV2(new TrackCollection("Motif", "M")), "front-runner spoiled the sale");
    }

    function test_voucherFrontRun_v1IsVulnerable() public {
        assertFalse(_frontRunV1(new TrackCollectionV1("Motif", "M")), "expected the front-run to spoil the sale");
    }

    // ---------------------------------------------------------------- stranded payout

    /// @dev The payout account is a contract wallet that rejects plain ETH but can make calls. Returns whether its
    /// credited proceeds can reach an address of its choosing.
    function _payoutRecoverable(address c, address payable wallet) internal returns (bool recovered) {
        (bool pushed, ) = c.call(abi.encodeCall(TrackCollection.withdraw, (wallet)));
        assertFalse(pushed, "the wallet accepted plain ETH");
        address payable rescue = payable(address(0x5AFE));
        CallOnlyWallet(wallet).execute(c, abi.encodeCall(TrackCollection.withdrawTo, (rescue)));
        return rescue.balance == 1 ether;
    }

    function test_strandedPayout_guarded() public {
        TrackCollection c = new TrackCollection("Motif", "M");
        CallOnlyWallet wallet = new CallOnlyWallet();
        TrackCollection.Voucher memory v = _v2Voucher(1);
        v.payout = address(wallet);
        bytes memory sig = signDigest(creatorKey, c.voucherDigest(v));
        vm.prank(collector);
        c.redeem{value: 1 ether}(v, sig, collector);
        assertTrue(_payoutRecoverable(address(c), payable(address(wallet))), "proceeds stranded");
    }

    function test_strandedPayout_v1IsVulnerable() public {
        TrackCollectionV1 c = new TrackCollectionV1("Motif", "M");
        CallOnlyWallet wallet = new CallOnlyWallet();
        vm.prank(creator);
        c.setPayoutAddress(address(wallet));
        TrackCollectionV1.Voucher memory v = TrackCollectionV1.Voucher({
            creator: creator,
            content: CONTENT,
            manifest: MANIFEST,
            price: 1 ether,
            royaltyReceiver: creator,
            royaltyBps: 500,
            licence: 0,
            nonce: 1,
            deadline: block.timestamp + 1 days
        });
        bytes memory sig = signDigest(creatorKey, c.voucherDigest(v));
        vm.prank(collector);
        c.redeem{value: 1 ether}(v, sig, collector);
        assertFalse(_payoutRecoverable(address(c), payable(address(wallet))), "expected the proceeds to be stranded");
        assertEq(c.creditsOf(address(wallet)), 1 ether);
    }

    // ---------------------------------------------------------------- voucher replay

    /// @dev Redeems and returns whether it succeeded, plus the revert selector.
    function _tryRedeem(
        TrackCollection c,
        TrackCollection.Voucher memory v,
        bytes memory sig
    ) internal returns (bool ok, bytes4 sel) {
        vm.prank(collector);
        bytes memory ret;
        (ok, ret) = address(c).call{value: v.price}(abi.encodeCall(TrackCollection.redeem, (v, sig, collector)));
        if (!ok && ret.length >= 4) sel = bytes4(ret);
    }

    function _replayVoucher(uint256 nonce) internal view returns (TrackCollection.Voucher memory v) {
        v = _v2Voucher(nonce);
        v.content = keccak256(abi.encode("track", nonce));
    }

    function _replayOtherChain(TrackCollection c) internal returns (bool replayed) {
        TrackCollection.Voucher memory v = _replayVoucher(1);
        bytes memory sig = signDigest(creatorKey, c.voucherDigest(v)); // signed for chain 31337
        vm.chainId(10);
        (replayed, ) = _tryRedeem(c, v, sig);
        vm.chainId(31337);
    }

    function _replayOtherContract(TrackCollection signedFor, TrackCollection target) internal returns (bool replayed) {
        TrackCollection.Voucher memory v = _replayVoucher(2);
        bytes memory sig = signDigest(creatorKey, signedFor.voucherDigest(v));
        (replayed, ) = _tryRedeem(target, v, sig);
    }

    function _replayAfterCancel(TrackCollection c) internal returns (bool replayed) {
        TrackCollection.Voucher memory v = _replayVoucher(3);
        bytes memory sig = signDigest(creatorKey, c.voucherDigest(v));
        vm.prank(creator);
        c.cancelNonce(3);
        (replayed, ) = _tryRedeem(c, v, sig);
    }

    /// @dev A second voucher signed with a used nonce (other content, so the token id is free): only the nonce
    /// check can stop it.
    function _nonceReused(TrackCollection c) internal returns (bool reused) {
        TrackCollection.Voucher memory v = _replayVoucher(4);
        (bool first, ) = _tryRedeem(c, v, signDigest(creatorKey, c.voucherDigest(v)));
        assertTrue(first, "first redemption");
        v.content = keccak256("same nonce, other track");
        (reused, ) = _tryRedeem(c, v, signDigest(creatorKey, c.voucherDigest(v)));
    }

    function test_voucherReplay_guarded() public {
        TrackCollection c = new TrackCollection("Motif", "M");
        TrackCollection other = new TrackCollection("Motif", "M");
        assertFalse(_replayOtherChain(c), "replayed on another chain");
        assertFalse(_replayOtherContract(c, other), "replayed on another contract");
        assertFalse(_replayAfterCancel(c), "redeemed after cancel");
        assertFalse(_nonceReused(c), "nonce redeemed twice");
    }

    function test_voucherReplay_unguardedVariantIsVulnerable() public {
        UnguardedTrackCollection c = new UnguardedTrackCollection();
        UnguardedTrackCollection other = new UnguardedTrackCollection();
        assertTrue(_replayOtherChain(c), "expected replay on another chain");
        assertTrue(_replayOtherContract(c, other), "expected replay on another contract");
        assertTrue(_replayAfterCancel(c), "expected redemption after cancel");
        assertTrue(_nonceReused(c), "expected the nonce to redeem twice");
    }

    // ---------------------------------------------------------------- royalty above cap

    function _royaltyAboveCapAccepted(TrackCollection c) internal returns (bool accepted) {
        bytes memory ret;
        (accepted, ret) = address(c).call(
            abi.encodeCall(TrackCollection.mint, (collector, keccak256("x"), bytes32(0), creator, 8000, 0))
        );
        if (accepted) {
            (, uint256 amount) = c.royaltyInfo(abi.decode(ret, (uint256)), 100);
            assertEq(amount, 80);
        }
    }

    function test_royaltyAboveCap_guarded() public {
        assertFalse(_royaltyAboveCapAccepted(new TrackCollection("Motif", "M")));
    }

    function test_royaltyAboveCap_unguardedVariantIsVulnerable() public {
        assertTrue(_royaltyAboveCapAccepted(new UnguardedTrackCollection()));
    }

    // ---------------------------------------------------------------- moving someone else's token

    /// @dev `stranger` (neither the owner, nor approved for the token, nor an operator of the owner, though the
    /// owner did approve someone else and another operator) tries every way to move the owner's token.
    function _strangerMoved(TrackCollection c, address stranger, uint8 how) internal returns (bool moved) {
        address owner = address(0x0A11);
        vm.prank(creator);
        uint256 id = c.mint(owner, CONTENT, MANIFEST, creator, 500, 0);
        vm.startPrank(owner);
        c.approve(address(0xA77), id);
        c.setApprovalForAll(address(0x0EE), true);
        vm.stopPrank();
        vm.startPrank(stranger);
        bytes memory call;
        if (how % 3 == 0) call = abi.encodeWithSignature("transferFrom(address,address,uint256)", owner, stranger, id);
        else if (how % 3 == 1) {
            call = abi.encodeWithSignature("safeTransferFrom(address,address,uint256)", owner, stranger, id);
        } else {
            call = abi.encodeWithSignature("safeTransferFrom(address,address,uint256,bytes)", owner, stranger, id, "");
        }
        (bool ok, ) = address(c).call(call);
        // Approving itself first must not help either.
        (bool approvedSelf, ) = address(c).call(abi.encodeCall(c.approve, (stranger, id)));
        vm.stopPrank();
        return ok || approvedSelf || c.ownerOf(id) != owner;
    }

    /// forge-config: default.fuzz.runs = 10000
    function testFuzz_strangerCannotMoveToken_guarded(address stranger, uint8 how) public {
        vm.assume(stranger != address(0x0A11) && stranger != address(0xA77) && stranger != address(0x0EE));
        vm.assume(stranger.code.length == 0 && uint160(stranger) > 0xffff);
        assertFalse(_strangerMoved(new TrackCollection("Motif", "M"), stranger, how));
    }

    function testFuzz_strangerMovesToken_noAuthVariantIsVulnerable(address stranger, uint8 how) public {
        vm.assume(stranger != address(0x0A11) && stranger != address(0xA77) && stranger != address(0x0EE));
        vm.assume(stranger.code.length == 0 && uint160(stranger) > 0xffff);
        assertTrue(_strangerMoved(new NoAuthTrackCollection(), stranger, how));
    }

    // ---------------------------------------------------------------- stale per-token approval

    /// @dev The owner approves `spender` for a token, then moves the token (to another holder, or approvals of its
    /// other tokens in between). Returns whether the old approval survived the move or still lets `spender` take it.
    function _staleApprovalSurvives(TrackCollection c) internal returns (bool survives) {
        address owner = address(0x0A11);
        address next = address(0x0B22);
        address spender = address(0xA77);
        vm.startPrank(creator);
        uint256 id = c.mint(owner, CONTENT, MANIFEST, creator, 500, 0);
        uint256 other = c.mint(owner, keccak256("other"), MANIFEST, creator, 500, 0);
        vm.stopPrank();
        vm.startPrank(owner);
        c.approve(spender, id);
        c.approve(spender, other);
        c.transferFrom(owner, next, id);
        vm.stopPrank();
        if (c.getApproved(id) == spender) return true;
        vm.prank(spender);
        (bool took, ) = address(c).call(abi.encodeWithSignature("transferFrom(address,address,uint256)", next, spender, id));
        return took || c.ownerOf(id) != next;
    }

    function test_staleApproval_guarded() public {
        assertFalse(_staleApprovalSurvives(new TrackCollection("Motif", "M")));
    }

    function test_staleApproval_uncountedVariantIsVulnerable() public {
        assertTrue(_staleApprovalSurvives(new UncountedApprovalTrackCollection()));
    }
}
