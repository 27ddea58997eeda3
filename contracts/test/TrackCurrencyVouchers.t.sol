// solhint-disable func-name-mixedcase, one-contract-per-file, use-forbidden-name, gas-custom-errors, gas-increment-by-one
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test, Vm} from "./utils/Test.sol";
import {TrackCollection} from "../TrackCollection.sol";
import {Licences} from "../libraries/Licences.sol";
import {MotifTestUSD} from "../testnet/MotifTestUSD.sol";
import {MockERC20} from "./mocks/MockERC20.sol";
import {FeeOnTransferToken, FalseReturningToken, LyingToken, ReentrantToken} from "./mocks/CurrencyMocks.sol";
import {UnguardedTrackCollection} from "./mocks/UnguardedTrackCollection.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @notice Lazy-mint vouchers priced in an allowlisted ERC-20 (issue #20): unit and attack tests.
contract TrackCurrencyVouchersTest is Test {
    TrackCollection internal c;
    MotifTestUSD internal usd;
    uint256 internal creatorKey = 0xA11CE;
    address internal creator;
    address internal collector = address(0xC011);
    address internal frontRunner = address(0xF207);
    address internal receiver = address(0x2EC);
    address internal split = address(0x5B117);
    bytes32 internal constant MANIFEST = keccak256("manifest");
    uint256 internal constant USD_PRICE = 12_500_000; // 12.5 tUSD

    event VoucherRedeemedInCurrency(
        address indexed creator,
        uint256 indexed nonce,
        uint256 indexed tokenId,
        address buyer,
        address payout,
        address currency,
        uint256 price
    );
    event WithdrawalInCurrency(address indexed account, address indexed currency, address to, uint256 amount);
    event CurrencyAllowed(address indexed currency, bool allowed);

    function setUp() public {
        c = new TrackCollection("Motif Tracks", "MOTIF");
        usd = new MotifTestUSD();
        creator = vm.addr(creatorKey);
        vm.expectEmit();
        emit CurrencyAllowed(address(usd), true);
        c.setCurrencyAllowed(address(usd), true);
        _fund(collector);
        _fund(frontRunner);
        vm.deal(collector, 10 ether);
    }

    function _fund(address who) internal {
        usd.mint(who, 1_000e6);
        vm.prank(who);
        usd.approve(address(c), type(uint256).max);
    }

    function _cv(uint256 nonce, address currency) internal view returns (TrackCollection.CurrencyVoucher memory) {
        return
            TrackCollection.CurrencyVoucher({
                creator: creator,
                content: keccak256(abi.encode("currency voucher", nonce)),
                manifest: MANIFEST,
                currency: currency,
                price: USD_PRICE,
                payout: address(0),
                royaltyReceiver: receiver,
                royaltyBps: 1000,
                licence: Licences.CBE_COMMERCIAL,
                nonce: nonce,
                deadline: block.timestamp + 1 days
            });
    }

    /// @dev The native voucher with the same fields as `v` (minus the currency).
    function _native(TrackCollection.CurrencyVoucher memory v) internal pure returns (TrackCollection.Voucher memory) {
        return
            TrackCollection.Voucher({
                creator: v.creator,
                content: v.content,
                manifest: v.manifest,
                price: v.price,
                payout: v.payout,
                royaltyReceiver: v.royaltyReceiver,
                royaltyBps: v.royaltyBps,
                licence: v.licence,
                nonce: v.nonce,
                deadline: v.deadline
            });
    }

    function _sign(TrackCollection target, TrackCollection.CurrencyVoucher memory v) internal view returns (bytes memory) {
        return signDigest(creatorKey, target.currencyVoucherDigest(v));
    }

    function _signNative(TrackCollection target, TrackCollection.Voucher memory v) internal view returns (bytes memory) {
        return signDigest(creatorKey, target.voucherDigest(v));
    }

    function _redeem(
        address by,
        TrackCollection.CurrencyVoucher memory v,
        bytes memory sig,
        address to
    ) internal returns (uint256) {
        vm.prank(by);
        return c.redeemInCurrency(v, sig, to);
    }

    // ---------------------------------------------------------------- the happy path

    function test_redeemInCurrency_mintsPullsAndCreditsTheCreator() public {
        TrackCollection.CurrencyVoucher memory v = _cv(1, address(usd));
        uint256 expected = c.trackId(creator, v.content);
        vm.expectEmit();
        emit VoucherRedeemedInCurrency(creator, 1, expected, collector, creator, address(usd), USD_PRICE);
        uint256 id = _redeem(collector, v, _sign(c, v), collector);
        assertEq(id, expected);
        assertEq(c.ownerOf(id), collector);
        assertEq(c.creatorOf(id), creator, "authorship stays the signer's");
        assertEq(c.contentDigestOf(id), v.content);
        (address r, uint256 royalty) = c.royaltyInfo(id, 100e6);
        assertEq(r, receiver);
        assertEq(royalty, 10e6);
        assertEq(usd.balanceOf(collector), 1_000e6 - USD_PRICE, "exact price pulled");
        assertEq(usd.balanceOf(address(c)), USD_PRICE);
        assertEq(c.currencyCreditsOf(creator, address(usd)), USD_PRICE);
        assertEq(c.creditsOf(creator), 0, "no native credit");
        assertTrue(c.nonceUsed(creator, 1));

        vm.expectEmit();
        emit WithdrawalInCurrency(creator, address(usd), creator, USD_PRICE);
        c.withdrawCurrency(creator, address(usd)); // anyone may push it to the creator
        assertEq(usd.balanceOf(creator), USD_PRICE);
        assertEq(usd.balanceOf(address(c)), 0);
        assertEq(c.currencyCreditsOf(creator, address(usd)), 0);
        vm.expectRevert(abi.encodeWithSelector(TrackCollection.NothingToWithdraw.selector, creator));
        c.withdrawCurrency(creator, address(usd));
    }

    function test_redeemInCurrency_creditsTheSignedPayout_andWithdrawTo() public {
        TrackCollection.CurrencyVoucher memory v = _cv(2, address(usd));
        v.payout = split;
        _redeem(collector, v, _sign(c, v), address(0xB0B));
        assertEq(c.ownerOf(c.trackId(creator, v.content)), address(0xB0B), "minted to `to`, paid by the caller");
        assertEq(c.currencyCreditsOf(split, address(usd)), USD_PRICE);
        assertEq(c.currencyCreditsOf(creator, address(usd)), 0);
        vm.expectRevert(TrackCollection.WithdrawToZero.selector);
        vm.prank(split);
        c.withdrawCurrencyTo(address(usd), address(0));
        vm.prank(split);
        c.withdrawCurrencyTo(address(usd), address(0xD00D));
        assertEq(usd.balanceOf(address(0xD00D)), USD_PRICE);
        assertEq(c.currencyCreditsOf(split, address(usd)), 0);
    }

    function test_redeemInCurrency_zeroPrice_pullsNothing() public {
        TrackCollection.CurrencyVoucher memory v = _cv(3, address(usd));
        v.price = 0;
        vm.prank(collector);
        usd.approve(address(c), 0); // no allowance needed for a free voucher
        uint256 id = _redeem(collector, v, _sign(c, v), collector);
        assertEq(c.ownerOf(id), collector);
        assertEq(usd.balanceOf(collector), 1_000e6);
        assertEq(c.currencyCreditsOf(creator, address(usd)), 0);
        vm.expectRevert(abi.encodeWithSelector(TrackCollection.NothingToWithdraw.selector, creator));
        c.withdrawCurrency(creator, address(usd));
    }

    function test_redeemInCurrency_isNotPayable() public {
        TrackCollection.CurrencyVoucher memory v = _cv(4, address(usd));
        bytes memory sig = _sign(c, v);
        vm.prank(collector);
        (bool ok, ) = address(c).call{value: 1 ether}(abi.encodeCall(TrackCollection.redeemInCurrency, (v, sig, collector)));
        assertFalse(ok, "ETH sent with a currency redeem is refused");
    }

    // ---------------------------------------------------------------- who may use which currency

    function test_setCurrencyAllowed_ownerOnly_contractsOnly() public {
        assertEq(c.owner(), address(this), "the deployer owns the allowlist");
        MockERC20 other = new MockERC20(6);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, creator));
        vm.prank(creator);
        c.setCurrencyAllowed(address(other), true);
        vm.expectRevert(abi.encodeWithSelector(TrackCollection.InvalidCurrency.selector, creator));
        c.setCurrencyAllowed(creator, true);
        assertFalse(c.currencyAllowed(address(other)));
    }

    function test_redeemInCurrency_refusesACurrencyNotAllowed_evenIfTheCreatorSignedIt() public {
        MockERC20 other = new MockERC20(6);
        other.mint(collector, 100e6);
        vm.prank(collector);
        other.approve(address(c), type(uint256).max);
        TrackCollection.CurrencyVoucher memory v = _cv(5, address(other));
        bytes memory sig = _sign(c, v);
        vm.expectRevert(abi.encodeWithSelector(TrackCollection.CurrencyNotAllowed.selector, address(other)));
        _redeem(collector, v, sig, collector);
        // The native currency is never a "currency".
        TrackCollection.CurrencyVoucher memory zero = _cv(6, address(0));
        bytes memory zeroSig = _sign(c, zero);
        vm.expectRevert(abi.encodeWithSelector(TrackCollection.CurrencyNotAllowed.selector, address(0)));
        _redeem(collector, zero, zeroSig, collector);
    }

    function test_removedCurrency_stopsRedeems_butCreditsStayWithdrawable() public {
        TrackCollection.CurrencyVoucher memory v = _cv(7, address(usd));
        _redeem(collector, v, _sign(c, v), collector);
        c.setCurrencyAllowed(address(usd), false);
        TrackCollection.CurrencyVoucher memory w = _cv(8, address(usd));
        bytes memory sig = _sign(c, w);
        vm.expectRevert(abi.encodeWithSelector(TrackCollection.CurrencyNotAllowed.selector, address(usd)));
        _redeem(collector, w, sig, collector);
        c.withdrawCurrency(creator, address(usd));
        assertEq(usd.balanceOf(creator), USD_PRICE);
    }

    // ---------------------------------------------------------------- replay across forms, chains, contracts

    function test_nativeSignature_neverRedeemsAsACurrencyVoucher() public {
        TrackCollection.CurrencyVoucher memory v = _cv(10, address(usd));
        bytes memory nativeSig = _signNative(c, _native(v));
        vm.expectRevert(TrackCollection.InvalidVoucherSignature.selector);
        _redeem(collector, v, nativeSig, collector);
        assertFalse(c.nonceUsed(creator, 10), "the failed attempt leaves the nonce");
    }

    function test_currencySignature_neverRedeemsAsANativeVoucher() public {
        TrackCollection.CurrencyVoucher memory v = _cv(11, address(usd));
        bytes memory currencySig = _sign(c, v);
        // The price as wei: 12.5 tUSD would become 0.0000000000125 ETH if the forms were confused.
        vm.expectRevert(TrackCollection.InvalidVoucherSignature.selector);
        vm.prank(collector);
        c.redeem{value: v.price}(_native(v), currencySig, collector);
    }

    function test_nativeDigest_unchangedByTheCurrencyForm() public view {
        TrackCollection.Voucher memory n = _native(_cv(12, address(usd)));
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256(
                    "Voucher(address creator,bytes32 content,bytes32 manifest,uint256 price,address payout,address royaltyReceiver,uint16 royaltyBps,uint8 licence,uint256 nonce,uint256 deadline)"
                ),
                n.creator,
                n.content,
                n.manifest,
                n.price,
                n.payout,
                n.royaltyReceiver,
                n.royaltyBps,
                n.licence,
                n.nonce,
                n.deadline
            )
        );
        bytes32 domain = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("Motif Tracks"),
                keccak256("2"),
                block.chainid,
                address(c)
            )
        );
        assertEq(c.voucherDigest(n), keccak256(abi.encodePacked("\x19\x01", domain, structHash)));
        assertTrue(c.currencyVoucherDigest(_cv(12, address(usd))) != c.voucherDigest(n));
    }

    function test_everySignedField_isBound() public {
        TrackCollection.CurrencyVoucher memory v = _cv(13, address(usd));
        bytes memory sig = _sign(c, v);
        MockERC20 cheap = new MockERC20(18);
        c.setCurrencyAllowed(address(cheap), true);
        TrackCollection.CurrencyVoucher memory t = _cv(13, address(usd)); // a copy, not an alias of `v`
        t.currency = address(cheap); // same number in a token worth less
        vm.expectRevert(TrackCollection.InvalidVoucherSignature.selector);
        _redeem(collector, t, sig, collector);
        t = _cv(13, address(usd));
        t.price = 1;
        vm.expectRevert(TrackCollection.InvalidVoucherSignature.selector);
        _redeem(collector, t, sig, collector);
        t = _cv(13, address(usd));
        t.payout = frontRunner;
        vm.expectRevert(TrackCollection.InvalidVoucherSignature.selector);
        _redeem(collector, t, sig, collector);
        _redeem(collector, v, sig, collector);
    }

    function test_wrongChain_and_wrongContract_refused() public {
        TrackCollection.CurrencyVoucher memory v = _cv(14, address(usd));
        bytes memory sig = _sign(c, v);
        TrackCollection other = new TrackCollection("Motif Tracks", "MOTIF");
        other.setCurrencyAllowed(address(usd), true);
        vm.prank(collector);
        usd.approve(address(other), type(uint256).max);
        vm.expectRevert(TrackCollection.InvalidVoucherSignature.selector);
        vm.prank(collector);
        other.redeemInCurrency(v, sig, collector);
        uint256 chain = block.chainid;
        vm.chainId(chain + 1);
        vm.expectRevert(TrackCollection.InvalidVoucherSignature.selector);
        _redeem(collector, v, sig, collector);
        vm.chainId(chain);
        _redeem(collector, v, sig, collector);
    }

    // ---------------------------------------------------------------- nonces, deadline

    function test_nonceShared_nativeThenCurrency() public {
        TrackCollection.CurrencyVoucher memory v = _cv(20, address(usd));
        TrackCollection.Voucher memory n = _native(v);
        n.price = 1 ether;
        n.content = keccak256("another track, same nonce");
        vm.prank(collector);
        c.redeem{value: 1 ether}(n, _signNative(c, n), collector);
        bytes memory sig = _sign(c, v);
        vm.expectRevert(abi.encodeWithSelector(TrackCollection.VoucherNonceUsed.selector, creator, 20));
        _redeem(collector, v, sig, collector);
    }

    function test_nonceShared_currencyThenNative() public {
        TrackCollection.CurrencyVoucher memory v = _cv(21, address(usd));
        _redeem(collector, v, _sign(c, v), collector);
        TrackCollection.Voucher memory n = _native(v);
        n.content = keccak256("another track, same nonce");
        n.price = 1 ether;
        bytes memory sig = _signNative(c, n);
        vm.expectRevert(abi.encodeWithSelector(TrackCollection.VoucherNonceUsed.selector, creator, 21));
        vm.prank(collector);
        c.redeem{value: 1 ether}(n, sig, collector);
        // And the currency voucher itself cannot be replayed.
        bytes memory again = _sign(c, v);
        vm.expectRevert(abi.encodeWithSelector(TrackCollection.VoucherNonceUsed.selector, creator, 21));
        _redeem(frontRunner, v, again, frontRunner);
    }

    function test_cancelNonce_cancelsTheCurrencyForm() public {
        TrackCollection.CurrencyVoucher memory v = _cv(22, address(usd));
        bytes memory sig = _sign(c, v);
        vm.prank(creator);
        c.cancelNonce(22);
        vm.expectRevert(abi.encodeWithSelector(TrackCollection.VoucherNonceUsed.selector, creator, 22));
        _redeem(collector, v, sig, collector);
        assertEq(usd.balanceOf(collector), 1_000e6);
    }

    function test_expired_refused() public {
        TrackCollection.CurrencyVoucher memory v = _cv(23, address(usd));
        bytes memory sig = _sign(c, v);
        vm.warp(v.deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(TrackCollection.VoucherExpired.selector, v.deadline));
        _redeem(collector, v, sig, collector);
        vm.warp(v.deadline);
        _redeem(collector, v, sig, collector); // the deadline itself is still in time
    }

    // ---------------------------------------------------------------- front-running, allowances

    /**
     * @dev A front-runner copies a collector's pending redeem: they can only buy it themselves, paying from their
     * own balance; the creator is still the author and is paid; the collector's transaction then fails without
     * moving any of their tokens.
     */
    function test_frontRunner_paysThemselves_authorshipStays() public {
        TrackCollection.CurrencyVoucher memory v = _cv(30, address(usd));
        bytes memory sig = _sign(c, v);
        uint256 id = _redeem(frontRunner, v, sig, frontRunner);
        assertEq(c.ownerOf(id), frontRunner);
        assertEq(c.creatorOf(id), creator);
        assertEq(usd.balanceOf(frontRunner), 1_000e6 - USD_PRICE);
        assertEq(c.currencyCreditsOf(creator, address(usd)), USD_PRICE);
        vm.expectRevert(abi.encodeWithSelector(TrackCollection.VoucherNonceUsed.selector, creator, 30));
        _redeem(collector, v, sig, collector);
        assertEq(usd.balanceOf(collector), 1_000e6, "the collector paid nothing");
    }

    /// @dev The collector's standing approval cannot be spent by anyone else: the price comes from the caller.
    function test_someoneElsesAllowance_neverSpent() public {
        address thief = address(0x7E1F);
        TrackCollection.CurrencyVoucher memory v = _cv(31, address(usd));
        bytes memory sig = _sign(c, v);
        vm.expectRevert(); // the thief has no tokens and no allowance
        _redeem(thief, v, sig, thief);
        assertEq(usd.balanceOf(collector), 1_000e6);
        assertFalse(c.nonceUsed(creator, 31));
    }

    function test_withdrawingSomeoneElsesCredits_goesToThem() public {
        TrackCollection.CurrencyVoucher memory v = _cv(32, address(usd));
        _redeem(collector, v, _sign(c, v), collector);
        vm.prank(frontRunner);
        c.withdrawCurrency(creator, address(usd)); // pays the creator, not the caller
        assertEq(usd.balanceOf(creator), USD_PRICE);
        assertEq(usd.balanceOf(frontRunner), 1_000e6);
        vm.expectRevert(abi.encodeWithSelector(TrackCollection.NothingToWithdraw.selector, frontRunner));
        vm.prank(frontRunner);
        c.withdrawCurrencyTo(address(usd), frontRunner);
    }

    // ---------------------------------------------------------------- hostile tokens

    function test_feeOnTransferToken_refused() public {
        FeeOnTransferToken fee = new FeeOnTransferToken();
        c.setCurrencyAllowed(address(fee), true);
        fee.mint(collector, 100e6);
        vm.prank(collector);
        fee.approve(address(c), type(uint256).max);
        TrackCollection.CurrencyVoucher memory v = _cv(40, address(fee));
        bytes memory sig = _sign(c, v);
        vm.expectRevert(
            abi.encodeWithSelector(
                TrackCollection.CurrencyAmountMismatch.selector,
                address(fee),
                USD_PRICE,
                USD_PRICE - USD_PRICE / 100
            )
        );
        _redeem(collector, v, sig, collector);
        assertEq(c.currencyCreditsOf(creator, address(fee)), 0, "nothing credited");
        assertFalse(c.nonceUsed(creator, 40), "rolled back whole");
    }

    function test_lyingToken_refused() public {
        LyingToken liar = new LyingToken();
        c.setCurrencyAllowed(address(liar), true);
        TrackCollection.CurrencyVoucher memory v = _cv(41, address(liar));
        bytes memory sig = _sign(c, v);
        vm.expectRevert(
            abi.encodeWithSelector(TrackCollection.CurrencyAmountMismatch.selector, address(liar), USD_PRICE, 0)
        );
        _redeem(collector, v, sig, collector);
    }

    function test_falseReturningToken_refused() public {
        FalseReturningToken f = new FalseReturningToken();
        c.setCurrencyAllowed(address(f), true);
        f.mint(collector, 100e6);
        TrackCollection.CurrencyVoucher memory v = _cv(42, address(f));
        bytes memory sig = _sign(c, v);
        vm.expectRevert(abi.encodeWithSelector(SafeERC20.SafeERC20FailedOperation.selector, address(f)));
        _redeem(collector, v, sig, collector);
    }

    /// @dev A token that calls back into the collection while paying out a withdrawal cannot withdraw twice.
    function test_reentrantToken_onWithdraw_blocked() public {
        ReentrantToken ree = new ReentrantToken();
        c.setCurrencyAllowed(address(ree), true);
        ree.mint(collector, 100e6);
        vm.prank(collector);
        ree.approve(address(c), type(uint256).max);
        TrackCollection.CurrencyVoucher memory v = _cv(43, address(ree));
        _redeem(collector, v, _sign(c, v), collector);
        // A second creditor so that a double payout would have funds to take.
        TrackCollection.CurrencyVoucher memory w = _cv(44, address(ree));
        w.payout = split;
        _redeem(collector, w, _sign(c, w), collector);
        assertEq(ree.balanceOf(address(c)), 2 * USD_PRICE);
        ree.arm(address(c), abi.encodeCall(TrackCollection.withdrawCurrency, (creator, address(ree))));
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        c.withdrawCurrency(creator, address(ree));
        assertEq(ree.balanceOf(address(c)), 2 * USD_PRICE, "nothing left");
        assertEq(c.currencyCreditsOf(creator, address(ree)), USD_PRICE);
        ree.arm(address(0), "");
        c.withdrawCurrency(creator, address(ree));
        assertEq(ree.balanceOf(creator), USD_PRICE);
        assertEq(ree.balanceOf(address(c)), USD_PRICE, "the split's credit is intact");
    }

    /// @dev A token that re-enters a redeem while being pulled cannot redeem a second voucher inside the first.
    function test_reentrantToken_onRedeem_blocked() public {
        ReentrantToken ree = new ReentrantToken();
        c.setCurrencyAllowed(address(ree), true);
        ree.mint(collector, 100e6);
        vm.prank(collector);
        ree.approve(address(c), type(uint256).max);
        TrackCollection.CurrencyVoucher memory v = _cv(45, address(ree));
        TrackCollection.CurrencyVoucher memory w = _cv(46, address(ree));
        ree.arm(address(c), abi.encodeCall(TrackCollection.redeemInCurrency, (w, _sign(c, w), collector)));
        bytes memory sig = _sign(c, v);
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        _redeem(collector, v, sig, collector);
        assertFalse(c.nonceUsed(creator, 45));
        assertFalse(c.nonceUsed(creator, 46));
    }

    // ---------------------------------------------------------------- the checks can fail

    /// @dev The shared-nonce check can fail: against a collection that never consumes nonces (test mock), a native
    /// voucher redeems under a nonce already redeemed in the currency form.
    function test_sharedNonce_detectsAnUnguardedCollection() public {
        UnguardedTrackCollection u = new UnguardedTrackCollection();
        u.setCurrencyAllowed(address(usd), true);
        vm.prank(collector);
        usd.approve(address(u), type(uint256).max);
        TrackCollection.CurrencyVoucher memory v = _cv(50, address(usd));
        bytes memory sig = signDigest(creatorKey, u.currencyVoucherDigest(v));
        vm.prank(collector);
        u.redeemInCurrency(v, sig, collector);
        TrackCollection.Voucher memory n = _native(v);
        n.content = keccak256("another track, same nonce");
        n.price = 1 ether;
        bytes memory nativeSig = signDigest(creatorKey, u.voucherDigest(n));
        vm.prank(collector);
        u.redeem{value: 1 ether}(n, nativeSig, collector);
        assertTrue(u.ownerOf(u.trackId(creator, n.content)) == collector, "the unguarded collection redeemed twice");
    }
}

Vm constant CURRENCY_VM = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

/// @notice Random currency redemptions (and replays), native redemptions on the same nonces, cancellations and
/// withdrawals, to check that token credits are conserved.
contract CurrencyVoucherHandler {
    TrackCollection public immutable tracks;
    MotifTestUSD public immutable usd;
    uint256 internal constant KEY = 0xC0FFEE;
    address public immutable creator;
    address public constant SPLIT = address(0x5B117);
    address public constant BUYER = address(0xC011);
    mapping(uint256 nonce => uint256) public redemptions;
    uint256 public doubleRedemptions;
    uint256 public paidIn;
    uint256 public withdrawn;

    constructor(TrackCollection tracks_, MotifTestUSD usd_) {
        tracks = tracks_;
        usd = usd_;
        creator = CURRENCY_VM.addr(KEY);
    }

    function _sign(bytes32 digest) internal pure returns (bytes memory) {
        (uint8 sv, bytes32 r, bytes32 s) = CURRENCY_VM.sign(KEY, digest);
        return abi.encodePacked(r, s, sv);
    }

    function redeemInCurrency(uint256 nonce, uint256 variant, uint256 price) external {
        nonce = nonce % 8;
        variant = variant % 3;
        price = price % 1_000e6;
        TrackCollection.CurrencyVoucher memory v = TrackCollection.CurrencyVoucher({
            creator: creator,
            content: keccak256(abi.encode(nonce, variant, "currency")),
            manifest: bytes32(0),
            currency: address(usd),
            price: price,
            payout: nonce % 2 == 0 ? address(0) : SPLIT,
            royaltyReceiver: creator,
            royaltyBps: 100,
            licence: 0,
            nonce: nonce,
            deadline: type(uint256).max
        });
        usd.mint(BUYER, price);
        CURRENCY_VM.prank(BUYER);
        usd.approve(address(tracks), price);
        bytes memory sig = _sign(tracks.currencyVoucherDigest(v));
        CURRENCY_VM.prank(BUYER);
        tracks.redeemInCurrency(v, sig, BUYER);
        paidIn += price;
        if (++redemptions[nonce] > 1) ++doubleRedemptions;
    }

    function redeemNative(uint256 nonce, uint256 variant) external {
        nonce = nonce % 8;
        variant = variant % 3;
        TrackCollection.Voucher memory v = TrackCollection.Voucher({
            creator: creator,
            content: keccak256(abi.encode(nonce, variant, "native")),
            manifest: bytes32(0),
            price: 1 gwei,
            payout: address(0),
            royaltyReceiver: creator,
            royaltyBps: 100,
            licence: 0,
            nonce: nonce,
            deadline: type(uint256).max
        });
        CURRENCY_VM.deal(address(this), 1 gwei);
        tracks.redeem{value: 1 gwei}(v, _sign(tracks.voucherDigest(v)), BUYER);
        if (++redemptions[nonce] > 1) ++doubleRedemptions;
    }

    function cancel(uint256 nonce) external {
        CURRENCY_VM.prank(creator);
        tracks.cancelNonce(nonce % 8);
    }

    function withdraw(bool toSplit) external {
        address account = toSplit ? SPLIT : creator;
        uint256 credit = tracks.currencyCreditsOf(account, address(usd));
        tracks.withdrawCurrency(account, address(usd));
        withdrawn += credit;
    }

    function withdrawTo(bool toSplit, address to) external {
        if (to == address(0) || to == address(tracks)) return;
        address account = toSplit ? SPLIT : creator;
        uint256 credit = tracks.currencyCreditsOf(account, address(usd));
        CURRENCY_VM.prank(account);
        tracks.withdrawCurrencyTo(address(usd), to);
        withdrawn += credit;
    }
}

contract CurrencyVoucherInvariantsTest is Test {
    TrackCollection internal tracks;
    MotifTestUSD internal usd;
    CurrencyVoucherHandler internal handler;

    function setUp() public {
        tracks = new TrackCollection("Motif", "M");
        usd = new MotifTestUSD();
        tracks.setCurrencyAllowed(address(usd), true);
        handler = new CurrencyVoucherHandler(tracks, usd);
        targetContract(address(handler));
    }

    /// @dev A nonce redeems at most once, in either form, whatever the content signed under it.
    function invariant_nonceRedeemsOnceAcrossForms() public view {
        assertEq(handler.doubleRedemptions(), 0);
    }

    /// @dev Token conservation: the contract holds exactly the credits not yet withdrawn, and paid == credited.
    function invariant_tokenCreditsConserved() public view {
        uint256 credits = tracks.currencyCreditsOf(handler.creator(), address(usd)) +
            tracks.currencyCreditsOf(handler.SPLIT(), address(usd));
        assertEq(usd.balanceOf(address(tracks)), credits, "balance == credits");
        assertEq(handler.paidIn(), credits + handler.withdrawn(), "paid == credited + withdrawn");
    }
}
