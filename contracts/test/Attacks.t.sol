// solhint-disable func-name-mixedcase, one-contract-per-file, use-forbidden-name, gas-custom-errors, gas-increment-by-one
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "./utils/Test.sol";
import {TrackCollection} from "../TrackCollection.sol";
import {Market} from "../Market.sol";
import {SplitMain} from "../splits/SplitMain.sol";
import {Licences} from "../libraries/Licences.sol";
import {MockERC20} from "./mocks/MockERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {UnguardedTrackCollection} from "./mocks/UnguardedTrackCollection.sol";
import {PushSplitMain, DustLosingSplitMain} from "./mocks/UnguardedSplitMains.sol";
import {VulnerableMarket} from "./mocks/VulnerableMarket.sol";
import {OfferReentrancyAttacker, WithdrawReentrancyAttacker, RevertingRecipient} from "./mocks/Attackers.sol";

/**
 * @notice Every attack runs twice: against the real contract (the attack must fail) and against a deliberately
 * unguarded variant from test/mocks (the same check must detect the attack), which shows each check can fail.
 */
contract AttacksTest is Test {
    uint256 internal creatorKey = 0xA11CE;
    address internal creator;
    address internal collector = address(0xC011);
    address internal victim = address(0xF00D);

    function setUp() public {
        creator = vm.addr(creatorKey);
        vm.deal(collector, 100 ether);
        vm.deal(victim, 100 ether);
    }

    // ---------------------------------------------------------------- voucher replay

    function _voucher(uint256 nonce) internal view returns (TrackCollection.Voucher memory) {
        return
            TrackCollection.Voucher({
                creator: creator,
                content: keccak256(abi.encode("track", nonce)),
                manifest: keccak256("manifest"),
                price: 1 ether,
                royaltyReceiver: creator,
                royaltyBps: 500,
                licence: Licences.CC0_1_0,
                nonce: nonce,
                deadline: block.timestamp + 1 days
            });
    }

    /// @dev Redeems and returns whether it succeeded, plus the revert selector.
    function _tryRedeem(TrackCollection c, TrackCollection.Voucher memory v, bytes memory sig) internal returns (bool ok, bytes4 sel) {
        vm.prank(collector);
        bytes memory ret;
        (ok, ret) = address(c).call{value: v.price}(abi.encodeCall(TrackCollection.redeem, (v, sig, collector)));
        if (!ok && ret.length >= 4) sel = bytes4(ret);
    }

    function _replayOtherChain(TrackCollection c) internal returns (bool replayed) {
        TrackCollection.Voucher memory v = _voucher(1);
        bytes memory sig = signDigest(creatorKey, c.voucherDigest(v)); // signed for chain 31337
        vm.chainId(10);
        (replayed, ) = _tryRedeem(c, v, sig);
        vm.chainId(31337);
    }

    function _replayOtherContract(TrackCollection signedFor, TrackCollection target) internal returns (bool replayed) {
        TrackCollection.Voucher memory v = _voucher(2);
        bytes memory sig = signDigest(creatorKey, signedFor.voucherDigest(v));
        (replayed, ) = _tryRedeem(target, v, sig);
    }

    function _replayAfterCancel(TrackCollection c) internal returns (bool replayed) {
        TrackCollection.Voucher memory v = _voucher(3);
        bytes memory sig = signDigest(creatorKey, c.voucherDigest(v));
        vm.prank(creator);
        c.cancelNonce(3);
        (replayed, ) = _tryRedeem(c, v, sig);
    }

    /// @dev Second use of a voucher: the content differs (a creator reusing a nonce), same nonce and signature
    /// cannot be valid, so the only protection that can be observed is the nonce check itself.
    function _reuseRejectedByNonce(TrackCollection c) internal returns (bool rejectedByNonce) {
        TrackCollection.Voucher memory v = _voucher(4);
        bytes memory sig = signDigest(creatorKey, c.voucherDigest(v));
        (bool first, ) = _tryRedeem(c, v, sig);
        assertTrue(first, "first redemption");
        (bool second, bytes4 sel) = _tryRedeem(c, v, sig);
        assertFalse(second); // the token id (content) exists either way
        return sel == TrackCollection.VoucherNonceUsed.selector;
    }

    function test_voucherReplay_guarded() public {
        TrackCollection c = new TrackCollection("Motif", "M");
        TrackCollection other = new TrackCollection("Motif", "M");
        assertFalse(_replayOtherChain(c), "replayed on another chain");
        assertFalse(_replayOtherContract(c, other), "replayed on another contract");
        assertFalse(_replayAfterCancel(c), "redeemed after cancel");
        assertTrue(_reuseRejectedByNonce(c), "reuse not stopped by the nonce");
    }

    function test_voucherReplay_unguardedVariantIsVulnerable() public {
        UnguardedTrackCollection c = new UnguardedTrackCollection();
        UnguardedTrackCollection other = new UnguardedTrackCollection();
        assertTrue(_replayOtherChain(c), "expected replay on another chain");
        assertTrue(_replayOtherContract(c, other), "expected replay on another contract");
        assertTrue(_replayAfterCancel(c), "expected redemption after cancel");
        assertFalse(_reuseRejectedByNonce(c), "expected no nonce protection");
    }

    // ---------------------------------------------------------------- royalty above cap

    function _royaltyAboveCapAccepted(TrackCollection c) internal returns (bool accepted) {
        (accepted, ) = address(c).call(
            abi.encodeCall(TrackCollection.mint, (collector, keccak256("x"), bytes32(0), creator, 9000, 0))
        );
        if (accepted) {
            (, uint256 amount) = c.royaltyInfo(uint256(keccak256("x")), 100);
            assertEq(amount, 90);
        }
    }

    function test_royaltyAboveCap_guarded() public {
        assertFalse(_royaltyAboveCapAccepted(new TrackCollection("Motif", "M")));
    }

    function test_royaltyAboveCap_unguardedVariantIsVulnerable() public {
        assertTrue(_royaltyAboveCapAccepted(new UnguardedTrackCollection()));
    }

    // ---------------------------------------------------------------- split rounding (2-decimal token, many payees)

    function _sortedPayees(uint256 n) internal pure returns (address[] memory list, uint32[] memory s) {
        list = new address[](n);
        s = new uint32[](n);
        uint256 each = 1e6 / n;
        for (uint256 i = 0; i < n; ++i) {
            list[i] = address(uint160(0x9000 + i));
            s[i] = uint32(each);
        }
        s[0] += uint32(1e6 - each * n);
    }

    /// @return conserved whether every token unit distributed was credited to someone.
    function _roundingConserves(SplitMain main) internal returns (bool conserved) {
        MockERC20 usd = new MockERC20(2);
        (address[] memory list, uint32[] memory s) = _sortedPayees(13);
        address split = main.createSplit(list, s, address(0));
        usd.mint(split, 1999); // 19.99 in a 2-decimal token
        main.distributeERC20(split, usd, list, s);
        uint256 total;
        for (uint256 i = 0; i < list.length; ++i) total += main.balanceOf(list[i], address(usd));
        return total == 1999 && usd.balanceOf(address(main)) == total;
    }

    function test_splitRounding_guarded() public {
        assertTrue(_roundingConserves(new SplitMain()));
    }

    function test_splitRounding_dustLosingVariantIsDetected() public {
        assertFalse(_roundingConserves(new DustLosingSplitMain()));
    }

    // ---------------------------------------------------------------- reverting recipient

    function _othersPaidDespiteRevertingRecipient(SplitMain main) internal returns (bool othersPaid) {
        address[] memory list = new address[](2);
        address bad = address(new RevertingRecipient());
        address good = address(uint160(type(uint160).max - 15));
        list[0] = bad < good ? bad : good;
        list[1] = bad < good ? good : bad;
        uint32[] memory s = new uint32[](2);
        s[0] = 500_000;
        s[1] = 500_000;
        address split = main.createSplit(list, s, address(0));
        vm.deal(split, 2 ether);
        (bool ok, ) = address(main).call(abi.encodeCall(SplitMain.distributeETH, (split, list, s)));
        if (!ok) return false;
        if (main.balanceOf(good, address(0)) != 0) main.withdraw(good, true, new IERC20[](0));
        return good.balance == 1 ether;
    }

    function test_revertingRecipient_guarded() public {
        assertTrue(_othersPaidDespiteRevertingRecipient(new SplitMain()));
    }

    function test_revertingRecipient_pushVariantIsBlocked() public {
        assertFalse(_othersPaidDespiteRevertingRecipient(new PushSplitMain()));
    }

    // ---------------------------------------------------------------- listing bought after the token moved

    function _mintTo(TrackCollection c, address to, bytes32 content) internal returns (uint256 id) {
        vm.prank(creator);
        id = c.mint(to, content, bytes32(0), creator, 500, 0);
    }

    function test_staleListing_guarded() public {
        TrackCollection c = new TrackCollection("Motif", "M");
        Market market = new Market(address(this));
        address seller = address(0x5E11);
        uint256 id = _mintTo(c, seller, keccak256("stale"));
        vm.prank(seller);
        c.setApprovalForAll(address(market), true);
        vm.prank(seller);
        market.list(address(c), id, 1 ether);
        vm.prank(seller);
        c.transferFrom(seller, victim, id);
        vm.prank(victim);
        c.setApprovalForAll(address(market), true);
        vm.prank(collector);
        (bool bought, ) = address(market).call{value: 1 ether}(abi.encodeCall(Market.buy, (address(c), id)));
        assertFalse(bought, "stale listing was bought");
        assertEq(c.ownerOf(id), victim);
    }

    function test_staleListing_vulnerableVariantSellsVictimsToken() public {
        TrackCollection c = new TrackCollection("Motif", "M");
        VulnerableMarket market = new VulnerableMarket();
        address seller = address(0x5E11);
        uint256 id = _mintTo(c, seller, keccak256("stale"));
        vm.prank(seller);
        c.setApprovalForAll(address(market), true);
        vm.prank(seller);
        market.list(address(c), id, 1 ether);
        vm.prank(seller);
        c.transferFrom(seller, victim, id);
        vm.prank(victim);
        c.setApprovalForAll(address(market), true);
        vm.prank(collector);
        (bool bought, ) = address(market).call{value: 1 ether}(abi.encodeCall(VulnerableMarket.buy, (address(c), id)));
        assertTrue(bought, "expected the stale listing to sell");
        assertEq(c.ownerOf(id), collector); // the victim lost the token; the old seller got paid
    }

    // ---------------------------------------------------------------- reentrancy via onERC721Received

    function test_reentrancyOnERC721Received_guarded() public {
        TrackCollection c = new TrackCollection("Motif", "M");
        Market market = new Market(address(this));
        address seller = address(0x5E11);
        uint256 id = _mintTo(c, seller, keccak256("r1"));
        vm.prank(seller);
        c.setApprovalForAll(address(market), true);
        // An honest bidder's escrow sits in the market too.
        vm.prank(victim);
        market.makeOffer{value: 5 ether}(address(c), id, type(uint64).max);
        OfferReentrancyAttacker attacker = new OfferReentrancyAttacker(address(market), false);
        attacker.offer{value: 1 ether}(address(c), id);
        vm.prank(seller);
        market.acceptOffer(address(c), id, address(attacker), 1 ether);
        assertTrue(attacker.reentered());
        assertFalse(attacker.reentrySucceeded(), "re-entered cancelOffer");
        assertEq(market.creditsOf(address(attacker)), 0);
        assertEq(address(market).balance, 6 ether, "escrow intact");
    }

    function test_reentrancyOnERC721Received_vulnerableVariantIsDrained() public {
        TrackCollection c = new TrackCollection("Motif", "M");
        VulnerableMarket market = new VulnerableMarket();
        address seller = address(0x5E11);
        uint256 id = _mintTo(c, seller, keccak256("r1"));
        vm.prank(seller);
        c.setApprovalForAll(address(market), true);
        vm.prank(victim);
        market.makeOffer{value: 5 ether}(address(c), id);
        OfferReentrancyAttacker attacker = new OfferReentrancyAttacker(address(market), true);
        attacker.offer{value: 1 ether}(address(c), id);
        vm.prank(seller);
        market.acceptOffer(address(c), id, address(attacker));
        assertTrue(attacker.reentrySucceeded(), "expected the re-entry to work");
        assertEq(address(attacker).balance, 1 ether, "attacker got its money back");
        assertEq(c.ownerOf(id), address(attacker), "and the token");
        // The seller is still owed 1 ether, but only the victim's escrow is left to pay it from.
        assertEq(address(market).balance, 5 ether);
        assertEq(market.credits(seller), 1 ether);
    }

    // ---------------------------------------------------------------- reentrancy via payable fallback

    function test_reentrancyFallback_guarded() public {
        Market market = new Market(address(this));
        vm.prank(victim);
        market.makeOffer{value: 5 ether}(address(0xC), 1, type(uint64).max);
        WithdrawReentrancyAttacker attacker = new WithdrawReentrancyAttacker(address(market), false);
        attacker.offer{value: 1 ether}(address(0xC), 1);
        attacker.cancel(address(0xC), 1);
        attacker.attackWithdraw();
        assertEq(address(attacker).balance, 1 ether, "attacker got more than its own");
        assertEq(address(market).balance, 5 ether, "escrow intact");
    }

    function test_reentrancyFallback_vulnerableVariantIsDrained() public {
        VulnerableMarket market = new VulnerableMarket();
        vm.prank(victim);
        market.makeOffer{value: 5 ether}(address(0xC), 1);
        WithdrawReentrancyAttacker attacker = new WithdrawReentrancyAttacker(address(market), true);
        attacker.offer{value: 1 ether}(address(0xC), 1);
        attacker.setTarget(address(0xC), 1);
        attacker.cancel(address(0xC), 1);
        assertTrue(address(attacker).balance > 1 ether, "expected the drain to work");
        assertTrue(address(market).balance < 5 ether);
    }
}
