// solhint-disable func-name-mixedcase, one-contract-per-file, use-forbidden-name, gas-custom-errors, gas-increment-by-one
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "./utils/Test.sol";
import {Market} from "../Market.sol";
import {MarketV1} from "./mocks/MarketV1.sol";
import {VulnerableMarket} from "./mocks/VulnerableMarket.sol";
import {UnguardedOrderMarket} from "./mocks/UnguardedOrderMarket.sol";
import {VersionedCollection, PlainCollection, LyingERC721} from "./mocks/MarketMocks.sol";
import {OfferReentrancyAttacker, WithdrawReentrancyAttacker} from "./mocks/Attackers.sol";

/**
 * @notice Market attacks. Every attack runs against the v2 {Market} (the attack must fail) and against the v1
 * market kept as {MarketV1}, {VulnerableMarket} or {UnguardedOrderMarket} (the same check must see the attack
 * succeed), which shows each check can fail.
 */
contract MarketAttacksTest is Test {
    uint256 internal sellerKey = 0x5E11;
    address internal seller;
    address internal bot = address(0xB07);
    address internal victim = address(0xF00D);
    address internal cold = address(0xC01D); // the seller's other wallet
    address internal feeRecipient = address(0xFEE);
    address internal royaltyReceiver = address(0x5EC);
    uint256 internal constant ID = 1;
    /// @dev Selector of the last failed buy or fill, so the guarded tests can check why the attack failed.
    bytes4 internal lastError;

    function setUp() public {
        seller = vm.addr(sellerKey);
        vm.deal(bot, 100 ether);
        vm.deal(victim, 100 ether);
    }

    function _collection(address owner_) internal returns (VersionedCollection c) {
        c = new VersionedCollection();
        c.mint(owner_, ID, royaltyReceiver, 500);
    }

    /// @dev Lists on either market: v2 takes an expiry, v1 does not.
    function _list(address market, address c, uint256 price) internal {
        bool v2 = _isV2(market);
        vm.prank(seller);
        if (v2) Market(market).list(c, ID, price, uint64(block.timestamp + 30 days));
        else MarketV1(market).list(c, ID, price);
    }

    function _isV2(address market) internal view returns (bool) {
        return market.code.length > 0 && _hasV2(market);
    }

    function _hasV2(address market) internal view returns (bool ok) {
        (ok, ) = market.staticcall(abi.encodeWithSignature("MAX_DURATION()"));
    }

    /// @return bought whether `who` bought `c`'s token through `market` for `price`.
    function _tryBuy(address market, address c, uint256 price, address who) internal returns (bool bought) {
        vm.prank(who);
        bytes memory ret;
        (bought, ret) = market.call{value: price}(abi.encodeWithSignature("buy(address,uint256)", c, ID));
        lastError = bought || ret.length < 4 ? bytes4(0) : bytes4(ret);
    }

    function _v1() internal returns (address) {
        return address(new MarketV1(address(this)));
    }

    function _v2() internal returns (address) {
        return address(new Market(address(this)));
    }

    // ---------------------------------------------------------------- stale listing revival

    /// @dev The seller lists at 1 ETH, later moves the token to their other wallet and back (or sells it
    /// elsewhere and buys it back): the old 1 ETH listing must not be buyable any more.
    function _staleListingRevived(address market) internal returns (bool revived) {
        VersionedCollection c = _collection(seller);
        vm.prank(seller);
        c.setApprovalForAll(market, true);
        _list(market, address(c), 1 ether);
        vm.prank(seller);
        c.transferFrom(seller, cold, ID);
        vm.prank(cold);
        c.transferFrom(cold, seller, ID);
        revived = _tryBuy(market, address(c), 1 ether, bot);
        if (revived) assertEq(c.ownerOf(ID), bot);
    }

    function test_staleListingRevival_guarded() public {
        assertFalse(_staleListingRevived(_v2()), "stale listing revived");
        assertEq(lastError, Market.ListingStale.selector);
    }

    function test_staleListingRevival_v1IsVulnerable() public {
        assertTrue(_staleListingRevived(_v1()), "expected v1 to sell the revived listing");
    }

    // ---------------------------------------------------------------- approve/list race

    /// @dev The seller once listed at 1 ETH with a per-token approval; the token moved (approval cleared) and came
    /// back. Relisting at 5 ETH takes two transactions, approve then list: a bot buys in between at the old price.
    function _raceWon(address market) internal returns (bool botWon) {
        VersionedCollection c = _collection(seller);
        vm.prank(seller);
        c.approve(market, ID);
        _list(market, address(c), 1 ether);
        vm.prank(seller);
        c.transferFrom(seller, cold, ID);
        vm.prank(cold);
        c.transferFrom(cold, seller, ID);
        vm.prank(seller);
        c.approve(market, ID); // transaction 1 of the app's relisting
        botWon = _tryBuy(market, address(c), 1 ether, bot); // the bot's transaction lands in between
        if (!botWon) _list(market, address(c), 5 ether); // transaction 2
    }

    function test_approveListRace_guarded() public {
        assertFalse(_raceWon(_v2()), "bot bought between approve and list");
        assertEq(lastError, Market.ListingStale.selector);
    }

    function test_approveListRace_v1IsVulnerable() public {
        assertTrue(_raceWon(_v1()), "expected the bot to win the race on v1");
    }

    // ---------------------------------------------------------------- token moved to someone else

    function test_staleListingOtherOwner_guarded() public {
        VersionedCollection c = _collection(seller);
        Market market = new Market(address(this));
        vm.prank(seller);
        c.setApprovalForAll(address(market), true);
        _list(address(market), address(c), 1 ether);
        vm.prank(seller);
        c.transferFrom(seller, victim, ID);
        vm.prank(victim);
        c.setApprovalForAll(address(market), true);
        assertFalse(_tryBuy(address(market), address(c), 1 ether, bot), "stale listing was bought");
        assertEq(lastError, Market.ListingStale.selector);
        assertEq(c.ownerOf(ID), victim);
    }

    function test_staleListingOtherOwner_vulnerableVariantSellsVictimsToken() public {
        VersionedCollection c = _collection(seller);
        VulnerableMarket market = new VulnerableMarket();
        vm.prank(seller);
        c.setApprovalForAll(address(market), true);
        vm.prank(seller);
        market.list(address(c), ID, 1 ether);
        vm.prank(seller);
        c.transferFrom(seller, victim, ID);
        vm.prank(victim);
        c.setApprovalForAll(address(market), true);
        assertTrue(_tryBuy(address(market), address(c), 1 ether, bot), "expected the stale listing to sell");
        assertEq(c.ownerOf(ID), bot); // the victim lost the token; the old seller got paid
    }

    // ---------------------------------------------------------------- fee sandwich

    /// @dev The seller lists at 10 ETH under a 1% fee (royalty 5%: expects 9.4 ETH); the owner raises the fee to
    /// 10% right before the sale. Returns what the seller was credited.
    function _sandwichedListing(address market) internal returns (uint256 sellerGot) {
        VersionedCollection c = _collection(seller);
        vm.prank(seller);
        c.setApprovalForAll(market, true);
        MarketV1(market).setFee(feeRecipient, 100); // same signature on both markets
        _list(market, address(c), 10 ether);
        MarketV1(market).setFee(feeRecipient, 1000); // front-runs the buy
        assertTrue(_tryBuy(market, address(c), 10 ether, bot));
        sellerGot = MarketV1(market).creditsOf(seller);
    }

    /// @dev Same with an offer: the seller accepts 10 ETH seeing a 1% fee; the fee is raised first.
    function _sandwichedOffer(address market) internal returns (uint256 sellerGot) {
        VersionedCollection c = _collection(seller);
        vm.prank(seller);
        c.setApprovalForAll(market, true);
        MarketV1(market).setFee(feeRecipient, 100);
        vm.prank(bot);
        MarketV1(market).makeOffer{value: 10 ether}(address(c), ID, uint64(block.timestamp + 1 days));
        MarketV1(market).setFee(feeRecipient, 1000); // front-runs the acceptance
        bool v2 = _isV2(market);
        vm.prank(seller);
        if (v2) Market(market).acceptOffer(address(c), ID, bot, 10 ether, 100);
        else MarketV1(market).acceptOffer(address(c), ID, bot, 10 ether);
        sellerGot = MarketV1(market).creditsOf(seller);
    }

    function test_feeSandwich_guarded() public {
        assertEq(_sandwichedListing(_v2()), 9.4 ether, "listing: seller paid more than the accepted fee");
        assertEq(_sandwichedOffer(_v2()), 9.4 ether, "offer: seller paid more than the accepted fee");
    }

    function test_feeSandwich_v1IsVulnerable() public {
        assertEq(_sandwichedListing(_v1()), 8.5 ether, "expected v1 to charge the raised fee");
        assertEq(_sandwichedOffer(_v1()), 8.5 ether, "expected v1 to charge the raised fee");
    }

    // ---------------------------------------------------------------- lying ERC-721

    /// @dev A collection whose transfer moves nothing: the buyer must not pay for a token it never receives.
    function _paidForNothing(address market) internal returns (bool paid) {
        LyingERC721 c = new LyingERC721(seller);
        _list(market, address(c), 1 ether);
        paid = _tryBuy(market, address(c), 1 ether, bot);
        if (paid) assertEq(MarketV1(market).creditsOf(seller), 1 ether);
    }

    function test_lyingERC721_guarded() public {
        assertFalse(_paidForNothing(_v2()), "buyer paid and got no token");
        assertEq(lastError, Market.TokenNotReceived.selector);
    }

    function test_lyingERC721_v1IsVulnerable() public {
        assertTrue(_paidForNothing(_v1()), "expected v1 to take the payment");
    }

    function test_lyingERC721_signedOrderGuarded() public {
        Market market = new Market(address(this));
        LyingERC721 c = new LyingERC721(seller);
        Market.Order memory o = _order(address(c), 0, 1);
        bytes memory sig = signDigest(sellerKey, market.orderDigest(o));
        vm.prank(bot);
        (bool paid, bytes memory ret) = address(market).call{value: 1 ether}(abi.encodeCall(Market.fill, (o, sig)));
        assertFalse(paid, "buyer paid and got no token");
        assertEq(bytes4(ret), Market.TokenNotReceived.selector);
    }

    // ---------------------------------------------------------------- signed orders

    function _order(address c, uint256 version, uint256 nonce) internal view returns (Market.Order memory) {
        return Market.Order(seller, c, ID, 1 ether, 1000, version, uint64(block.timestamp + 1 days), nonce);
    }

    function _tryFill(address market, Market.Order memory o, bytes memory sig, address who) internal returns (bool ok) {
        vm.prank(who);
        bytes memory ret;
        (ok, ret) = market.call{value: o.price}(abi.encodeCall(Market.fill, (o, sig)));
        lastError = ok || ret.length < 4 ? bytes4(0) : bytes4(ret);
    }

    function _digest(address market, Market.Order memory o) internal view returns (bytes32) {
        return Market(market).orderDigest(o); // same ABI on the unguarded mock
    }

    /// @dev An order is filled, the buyer later sells the token back to the seller (elsewhere), and someone
    /// fills the old order again.
    function _replayed(address market, bool versioned) internal returns (bool replayed) {
        VersionedCollection vc = _collection(seller);
        PlainCollection pc = new PlainCollection();
        pc.mint(seller, ID, royaltyReceiver, 500);
        address c = versioned ? address(vc) : address(pc);
        vm.prank(seller);
        VersionedCollection(c).setApprovalForAll(market, true);
        Market.Order memory o = _order(c, 0, 1);
        bytes memory sig = signDigest(sellerKey, _digest(market, o));
        assertTrue(_tryFill(market, o, sig, victim), "first fill");
        vm.prank(victim);
        VersionedCollection(c).transferFrom(victim, seller, ID);
        replayed = _tryFill(market, o, sig, bot);
    }

    function test_orderReplay_guarded() public {
        assertFalse(_replayed(_v2(), true), "replayed (versioned collection)");
        assertEq(lastError, Market.OrderStale.selector);
        assertFalse(_replayed(_v2(), false), "replayed (collection without ITokenVersion)");
        assertEq(lastError, Market.OrderNonceUsed.selector);
    }

    function test_orderReplay_unguardedIsVulnerable() public {
        assertTrue(_replayed(address(new UnguardedOrderMarket()), true), "expected a replay");
        assertTrue(_replayed(address(new UnguardedOrderMarket()), false), "expected a replay");
    }

    /// @dev An order signed for this market on chain 31337 is filled on another chain (same market address).
    function _crossChain(address market) internal returns (bool filled) {
        VersionedCollection c = _collection(seller);
        vm.prank(seller);
        c.setApprovalForAll(market, true);
        Market.Order memory o = _order(address(c), 0, 1);
        bytes memory sig = signDigest(sellerKey, _digest(market, o));
        vm.chainId(10);
        filled = _tryFill(market, o, sig, bot);
        vm.chainId(31337);
    }

    /// @dev An order signed for one market deployment is filled on another.
    function _crossContract(address signedFor, address target) internal returns (bool filled) {
        VersionedCollection c = _collection(seller);
        vm.prank(seller);
        c.setApprovalForAll(target, true);
        Market.Order memory o = _order(address(c), 0, 2);
        bytes memory sig = signDigest(sellerKey, _digest(signedFor, o));
        filled = _tryFill(target, o, sig, bot);
    }

    function test_orderCrossChain_guarded() public {
        assertFalse(_crossChain(_v2()), "filled on another chain");
        assertEq(lastError, Market.InvalidSignature.selector);
        assertFalse(_crossContract(_v2(), _v2()), "filled on another market");
        assertEq(lastError, Market.InvalidSignature.selector);
    }

    function test_orderCrossChain_unguardedIsVulnerable() public {
        assertTrue(_crossChain(address(new UnguardedOrderMarket())), "expected a fill on another chain");
        assertTrue(
            _crossContract(address(new UnguardedOrderMarket()), address(new UnguardedOrderMarket())),
            "expected a fill on another market"
        );
    }

    function _filledAfterCancel(address market) internal returns (bool filled) {
        VersionedCollection c = _collection(seller);
        vm.prank(seller);
        c.setApprovalForAll(market, true);
        Market.Order memory o = _order(address(c), 0, 3);
        bytes memory sig = signDigest(sellerKey, _digest(market, o));
        vm.prank(seller);
        Market(market).cancelOrderNonce(3);
        filled = _tryFill(market, o, sig, bot);
    }

    function _filledAfterExpiry(address market) internal returns (bool filled) {
        VersionedCollection c = _collection(seller);
        vm.prank(seller);
        c.setApprovalForAll(market, true);
        Market.Order memory o = _order(address(c), 0, 4);
        bytes memory sig = signDigest(sellerKey, _digest(market, o));
        uint256 start = block.timestamp;
        vm.warp(o.expiry + 1);
        filled = _tryFill(market, o, sig, bot);
        vm.warp(start);
    }

    function test_orderCancelledOrExpired_guarded() public {
        assertFalse(_filledAfterCancel(_v2()), "filled after cancel");
        assertEq(lastError, Market.OrderNonceUsed.selector);
        assertFalse(_filledAfterExpiry(_v2()), "filled after expiry");
        assertEq(lastError, Market.OrderExpired.selector);
    }

    function test_orderCancelledOrExpired_unguardedIsVulnerable() public {
        assertTrue(_filledAfterCancel(address(new UnguardedOrderMarket())), "expected a fill after cancel");
        assertTrue(_filledAfterExpiry(address(new UnguardedOrderMarket())), "expected a fill after expiry");
    }

    // ---------------------------------------------------------------- reentrancy via onERC721Received

    function test_reentrancyOnERC721Received_guarded() public {
        VersionedCollection c = _collection(seller);
        Market market = new Market(address(this));
        vm.prank(seller);
        c.setApprovalForAll(address(market), true);
        // An honest bidder's escrow sits in the market too.
        vm.prank(victim);
        market.makeOffer{value: 5 ether}(address(c), ID, type(uint64).max);
        OfferReentrancyAttacker attacker = new OfferReentrancyAttacker(address(market), false);
        attacker.offer{value: 1 ether}(address(c), ID);
        vm.prank(seller);
        market.acceptOffer(address(c), ID, address(attacker), 1 ether, 0);
        assertTrue(attacker.reentered());
        assertFalse(attacker.reentrySucceeded(), "re-entered cancelOffer");
        assertEq(market.creditsOf(address(attacker)), 0);
        assertEq(address(market).balance, 6 ether, "escrow intact");
    }

    function test_reentrancyOnERC721Received_vulnerableVariantIsDrained() public {
        VersionedCollection c = _collection(seller);
        VulnerableMarket market = new VulnerableMarket();
        vm.prank(seller);
        c.setApprovalForAll(address(market), true);
        vm.prank(victim);
        market.makeOffer{value: 5 ether}(address(c), ID);
        OfferReentrancyAttacker attacker = new OfferReentrancyAttacker(address(market), true);
        attacker.offer{value: 1 ether}(address(c), ID);
        vm.prank(seller);
        market.acceptOffer(address(c), ID, address(attacker));
        assertTrue(attacker.reentrySucceeded(), "expected the re-entry to work");
        assertEq(address(attacker).balance, 1 ether, "attacker got its money back");
        assertEq(c.ownerOf(ID), address(attacker), "and the token");
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
