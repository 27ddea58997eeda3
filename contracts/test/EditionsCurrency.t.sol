// solhint-disable func-name-mixedcase, one-contract-per-file, use-forbidden-name, gas-custom-errors, gas-increment-by-one
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {EditionsBase} from "./Editions.t.sol";
import {Editions} from "../Editions.sol";
import {MotifTestUSD} from "../testnet/MotifTestUSD.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {MockERC20} from "./mocks/MockERC20.sol";
import {FeeOnTransferToken, FalseReturningToken, ReentrantToken} from "./mocks/CurrencyMocks.sol";

/// @notice Edition phases priced in an allowlisted ERC-20 (issues #17, #20): unit and attack tests.
contract EditionsCurrencyTest is EditionsBase {
    Editions internal e;
    MotifTestUSD internal usd;
    address internal referrer = address(0x2EF);
    uint96 internal constant USD_PRICE = 5e6;

    event PhaseCurrencySet(uint256 indexed editionId, uint256 indexed phase, address indexed currency);
    event CreditedInCurrency(address indexed account, address indexed currency, uint256 amount);

    function setUp() public {
        _setUpActors();
        e = new Editions("Motif Editions", "MOTIFED");
        usd = new MotifTestUSD();
        e.setCurrencyAllowed(address(usd), true);
        usd.mint(collector, 1_000e6);
        vm.prank(collector);
        usd.approve(address(e), type(uint256).max);
    }

    /// @dev The creator's edition: a native public phase [t0, t0 + 1 day), then a tUSD phase [t0 + 1 day, t0 + 10 days).
    function _edition(address currency) internal returns (uint256 id) {
        vm.startPrank(creator);
        id = e.createEdition(_init(CONTENT), _one(_phase(PRICE, t0, t0 + 1 days, 0, 0)));
        e.addPhaseInCurrency(id, _phase(USD_PRICE, t0 + 1 days, t0 + 10 days, 5, 0), currency);
        vm.stopPrank();
    }

    function test_addPhaseInCurrency_creatorOnly_allowedCurrencyOnly() public {
        vm.prank(creator);
        uint256 id = e.createEdition(_init(CONTENT), _one(_phase(PRICE, t0, t0 + 1 days, 0, 0)));
        vm.expectRevert(abi.encodeWithSelector(Editions.NotCreator.selector, id, collector));
        vm.prank(collector);
        e.addPhaseInCurrency(id, _phase(USD_PRICE, t0 + 1 days, t0 + 2 days, 0, 0), address(usd));
        MockERC20 other = new MockERC20(6);
        vm.expectRevert(abi.encodeWithSelector(Editions.CurrencyNotAllowed.selector, address(other)));
        vm.prank(creator);
        e.addPhaseInCurrency(id, _phase(USD_PRICE, t0 + 1 days, t0 + 2 days, 0, 0), address(other));
        vm.expectRevert(abi.encodeWithSelector(Editions.PhasesOverlap.selector, 1));
        vm.prank(creator);
        e.addPhaseInCurrency(id, _phase(USD_PRICE, t0, t0 + 2 days, 0, 0), address(usd));
        vm.expectEmit();
        emit PhaseCurrencySet(id, 1, address(usd));
        vm.prank(creator);
        e.addPhaseInCurrency(id, _phase(USD_PRICE, t0 + 1 days, t0 + 2 days, 0, 0), address(usd));
        assertEq(e.phaseCurrency(id, 1), address(usd));
        assertEq(e.phaseCurrency(id, 0), address(0));
        (Editions.Phase memory p, ) = e.phaseOf(id, 1);
        assertEq(p.mode, 0, "the view shows the plain mode");
        assertEq(p.price, USD_PRICE);
    }

    function test_setCurrencyAllowed_ownerOnly() public {
        assertEq(e.owner(), address(this));
        MockERC20 other = new MockERC20(6);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, creator));
        vm.prank(creator);
        e.setCurrencyAllowed(address(other), true);
        vm.expectRevert(abi.encodeWithSelector(Editions.InvalidCurrency.selector, creator));
        e.setCurrencyAllowed(creator, true);
        e.setCurrencyAllowed(address(other), true);
        assertTrue(e.currencyAllowed(address(other)));
    }

    function test_mintInCurrency_creditsReferrerAndPayoutInTheToken() public {
        uint256 id = _edition(address(usd));
        vm.warp(t0 + 1 days);
        vm.expectEmit();
        emit CreditedInCurrency(referrer, address(usd), 1e6);
        vm.expectEmit();
        emit CreditedInCurrency(split, address(usd), 9e6);
        vm.prank(collector);
        uint256 first = e.mint(id, 1, 2, collector, referrer, "in dollars");
        assertEq(e.ownerOf(first), collector);
        assertEq(e.ownerOf(first + 1), collector);
        assertEq(usd.balanceOf(collector), 990e6);
        assertEq(usd.balanceOf(address(e)), 10e6);
        assertEq(e.currencyCreditsOf(referrer, address(usd)), 1e6, "10% referral share in tUSD");
        assertEq(e.currencyCreditsOf(split, address(usd)), 9e6, "the payout (the split) is credited at once");
        assertEq(e.stateOf(id).pending, 0, "nothing pending in the native currency");
        assertEq(e.creditsOf(split), 0);
        (uint256 payment, uint256 referral, uint256 net) = e.quote(id, 1, 2, true);
        assertEq(payment, 10e6);
        assertEq(referral, 1e6);
        assertEq(net, 9e6);
        e.withdrawCurrency(split, address(usd));
        assertEq(usd.balanceOf(split), 9e6);
        vm.prank(referrer);
        e.withdrawCurrencyTo(address(usd), address(0xCAFE));
        assertEq(usd.balanceOf(address(0xCAFE)), 1e6);
        assertEq(usd.balanceOf(address(e)), 0, "every unit paid out");
        vm.expectRevert(abi.encodeWithSelector(Editions.NothingToWithdraw.selector, split));
        e.withdrawCurrency(split, address(usd));
    }

    function test_nativePhaseUnchanged_besideACurrencyPhase() public {
        uint256 id = _edition(address(usd));
        _mint(e, collector, id, 0, 1);
        assertEq(e.stateOf(id).pending, PRICE);
        assertEq(usd.balanceOf(address(e)), 0);
    }

    function test_mintInCurrency_walletCapHolds() public {
        uint256 id = _edition(address(usd));
        vm.warp(t0 + 1 days);
        vm.prank(collector);
        e.mint(id, 1, 5, collector, address(0), "");
        vm.expectRevert(abi.encodeWithSelector(Editions.WalletCapExceeded.selector, collector, 5, 5));
        vm.prank(collector);
        e.mint(id, 1, 1, collector, address(0), "");
    }

    // ---------------------------------------------------------------- attacks

    /// @dev ETH sent to a phase priced in a token is refused (it would be credited to nobody): no stuck ETH.
    function test_nativeValueMixedIntoCurrencyMint_guarded() public {
        uint256 id = _edition(address(usd));
        vm.warp(t0 + 1 days);
        vm.expectRevert(abi.encodeWithSelector(Editions.WrongPayment.selector, USD_PRICE, 0));
        vm.prank(collector);
        e.mint{value: USD_PRICE}(id, 1, 1, collector, address(0), "");
        assertEq(address(e).balance, 0);
        // And the token phase's price never buys a copy of a native phase with tokens.
        vm.warp(t0);
        vm.expectRevert(abi.encodeWithSelector(Editions.WrongPayment.selector, 0, PRICE));
        vm.prank(collector);
        e.mint(id, 0, 1, collector, address(0), "");
    }

    function test_disallowedCurrency_stopsThePhase_keepsCredits() public {
        uint256 id = _edition(address(usd));
        vm.warp(t0 + 1 days);
        vm.prank(collector);
        e.mint(id, 1, 1, collector, address(0), "");
        e.setCurrencyAllowed(address(usd), false);
        vm.expectRevert(abi.encodeWithSelector(Editions.CurrencyNotAllowed.selector, address(usd)));
        vm.prank(collector);
        e.mint(id, 1, 1, collector, address(0), "");
        e.withdrawCurrency(split, address(usd));
        assertEq(usd.balanceOf(split), USD_PRICE);
    }

    function test_feeOnTransfer_guarded() public {
        FeeOnTransferToken fot = new FeeOnTransferToken();
        e.setCurrencyAllowed(address(fot), true);
        fot.mint(collector, 1_000e6);
        vm.prank(collector);
        fot.approve(address(e), type(uint256).max);
        uint256 id = _edition(address(fot));
        vm.warp(t0 + 1 days);
        vm.expectRevert(
            abi.encodeWithSelector(Editions.CurrencyAmountMismatch.selector, address(fot), USD_PRICE, USD_PRICE - USD_PRICE / 100)
        );
        vm.prank(collector);
        e.mint(id, 1, 1, collector, address(0), "");
    }

    function test_falseReturningToken_guarded() public {
        FalseReturningToken f = new FalseReturningToken();
        e.setCurrencyAllowed(address(f), true);
        f.mint(collector, 1_000e6);
        uint256 id = _edition(address(f));
        vm.warp(t0 + 1 days);
        vm.expectRevert(abi.encodeWithSelector(SafeERC20.SafeERC20FailedOperation.selector, address(f)));
        vm.prank(collector);
        e.mint(id, 1, 1, collector, address(0), "");
    }

    function test_reentrantToken_guarded() public {
        ReentrantToken r = new ReentrantToken();
        e.setCurrencyAllowed(address(r), true);
        r.mint(collector, 1_000e6);
        vm.prank(collector);
        r.approve(address(e), type(uint256).max);
        uint256 id = _edition(address(r));
        vm.warp(t0 + 1 days);
        r.arm(address(e), abi.encodeCall(Editions.withdrawCurrency, (split, address(r))));
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        vm.prank(collector);
        e.mint(id, 1, 1, collector, address(0), "");
        r.arm(address(0), "");
        vm.prank(collector);
        e.mint(id, 1, 1, collector, address(0), "");
        assertEq(e.currencyCreditsOf(split, address(r)), USD_PRICE, "disarmed, the same mint goes through");
    }

    /// @dev Per currency: the contract holds exactly the credits (+ pending revenue for the native currency); the
    /// referral never takes more than its capped share; over random quantities, referrers and phases.
    /// forge-config: default.fuzz.runs = 10000
    function testFuzz_perCurrency_conserved(uint8[6] calldata quantities, bool[6] calldata withReferrer, uint16 referralBps)
        public
    {
        Editions.EditionInit memory init = _init(CONTENT);
        init.maxSupply = 0;
        init.closeAt = uint40(t0 + 30 days);
        init.referralBps = uint16(bound(referralBps, 0, 2000));
        vm.startPrank(creator);
        uint256 id = e.createEdition(init, _one(_phase(PRICE, t0, t0 + 1 days, 0, 0)));
        e.addPhaseInCurrency(id, _phase(USD_PRICE, t0 + 1 days, t0 + 2 days, 0, 0), address(usd));
        vm.stopPrank();
        uint256 paidNative;
        uint256 paidUsd;
        for (uint256 i; i < 6; ++i) {
            uint256 q = 1 + (quantities[i] % 4);
            bool inUsd = i % 2 == 1;
            vm.warp(inUsd ? t0 + 1 days : t0);
            address ref = withReferrer[i] ? referrer : address(0);
            vm.prank(collector);
            if (inUsd) {
                e.mint(id, 1, q, collector, ref, "");
                paidUsd += q * USD_PRICE;
            } else {
                e.mint{value: q * PRICE}(id, 0, q, collector, ref, "");
                paidNative += q * PRICE;
            }
        }
        uint256 usdCredits = e.currencyCreditsOf(split, address(usd)) + e.currencyCreditsOf(referrer, address(usd));
        assertEq(usdCredits, paidUsd, "tUSD: credits == paid");
        assertEq(usd.balanceOf(address(e)), paidUsd, "tUSD: balance == credits");
        vm.assertLe(e.currencyCreditsOf(referrer, address(usd)), (paidUsd * init.referralBps) / 10_000, "referral capped");
        uint256 nativeOwed = e.stateOf(id).pending + e.creditsOf(referrer);
        assertEq(nativeOwed, paidNative, "native: pending + credits == paid");
        assertEq(address(e).balance, paidNative);
    }
}
