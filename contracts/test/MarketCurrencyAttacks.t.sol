// solhint-disable func-name-mixedcase, one-contract-per-file, use-forbidden-name, gas-custom-errors, gas-increment-by-one
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "./utils/Test.sol";
import {Market} from "../Market.sol";
import {MotifTestUSD} from "../testnet/MotifTestUSD.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {PlainCollection} from "./mocks/MarketMocks.sol";
import {FeeOnTransferToken, FalseReturningToken, LyingToken, ReentrantToken, NaiveCurrencyMarket} from "./mocks/CurrencyMocks.sol";

/**
 * @notice Attacks on sales in an ERC-20 (issue #20). Each runs against {Market}, where it must fail, and, where a
 * market can be written without the guard, against {NaiveCurrencyMarket}, where the same scenario must see the
 * attack succeed (so no test passes vacuously).
 */
contract MarketCurrencyAttacksTest is Test {
    Market internal market;
    NaiveCurrencyMarket internal naive;
    PlainCollection internal nft;
    MotifTestUSD internal usd;
    address internal owner = address(0x0A);
    uint256 internal sellerKey = 0x5E11;
    address internal seller;
    address internal buyer = address(0xB0B);
    address internal royaltyReceiver = address(0x5EC);
    uint256 internal constant ID = 7;
    uint64 internal expiry;

    function setUp() public {
        seller = vm.addr(sellerKey);
        market = new Market(owner);
        naive = new NaiveCurrencyMarket();
        nft = new PlainCollection();
        usd = new MotifTestUSD();
        nft.mint(seller, ID, royaltyReceiver, 1000);
        vm.startPrank(seller);
        nft.setApprovalForAll(address(market), true);
        nft.setApprovalForAll(address(naive), true);
        vm.stopPrank();
        vm.prank(owner);
        market.setCurrencyAllowed(address(usd), true);
        usd.mint(buyer, 1_000e6);
        vm.startPrank(buyer);
        usd.approve(address(market), type(uint256).max);
        usd.approve(address(naive), type(uint256).max);
        vm.stopPrank();
        vm.deal(buyer, 10 ether);
        expiry = uint64(block.timestamp + 1 days);
    }

    function _allow(address token) internal {
        vm.prank(owner);
        market.setCurrencyAllowed(token, true);
    }

    // ---------------------------------------------------------------- a token nobody allowed

    /// @dev A seller lists in a token that says "true" and moves nothing: the buyer takes the NFT for free and the
    /// seller's credits are worthless. v2 refuses every token not on the owner's allowlist.
    function test_nonAllowlistedToken_guarded() public {
        LyingToken lie = new LyingToken();
        vm.expectRevert(abi.encodeWithSelector(Market.CurrencyNotAllowed.selector, address(lie)));
        vm.prank(seller);
        market.listInCurrency(address(nft), ID, address(lie), 100e6, expiry);
        vm.expectRevert(abi.encodeWithSelector(Market.CurrencyNotAllowed.selector, address(lie)));
        vm.prank(buyer);
        market.makeOfferInCurrency(address(nft), ID, address(lie), 100e6, expiry);
        Market.CurrencyOrder memory o = Market.CurrencyOrder(seller, address(nft), ID, address(lie), 100e6, 0, 0, expiry, 1);
        bytes memory sig = signDigest(sellerKey, market.currencyOrderDigest(o));
        vm.expectRevert(abi.encodeWithSelector(Market.CurrencyNotAllowed.selector, address(lie)));
        vm.prank(buyer);
        market.fillInCurrency(o, sig);
        assertEq(nft.ownerOf(ID), seller);
    }

    function test_nonAllowlistedToken_naiveGivesTheTokenAway() public {
        LyingToken lie = new LyingToken();
        vm.prank(seller);
        naive.list(address(nft), ID, address(lie), 100e6);
        vm.prank(buyer);
        naive.buy(address(nft), ID);
        assertEq(nft.ownerOf(ID), buyer, "the buyer got the NFT");
        assertEq(lie.balanceOf(address(naive)), 0, "and paid nothing");
        assertEq(naive.credits(seller, address(lie)), 90e6, "the seller's credit is backed by nothing");
    }

    /// @dev Even if the owner allowed such a token by mistake, the measured payment refuses it.
    function test_lyingTokenAllowedByMistake_guarded() public {
        LyingToken lie = new LyingToken();
        _allow(address(lie));
        vm.prank(seller);
        market.listInCurrency(address(nft), ID, address(lie), 100e6, expiry);
        vm.expectRevert(abi.encodeWithSelector(Market.CurrencyAmountMismatch.selector, address(lie), 100e6, 0));
        vm.prank(buyer);
        market.buyInCurrency(address(nft), ID, address(lie), 100e6);
        assertEq(nft.ownerOf(ID), seller);
    }

    // ---------------------------------------------------------------- a token that returns false

    function test_falseReturningToken_guarded() public {
        FalseReturningToken f = new FalseReturningToken();
        f.mint(buyer, 1_000e6);
        _allow(address(f));
        vm.prank(seller);
        market.listInCurrency(address(nft), ID, address(f), 100e6, expiry);
        vm.expectRevert(abi.encodeWithSelector(SafeERC20.SafeERC20FailedOperation.selector, address(f)));
        vm.prank(buyer);
        market.buyInCurrency(address(nft), ID, address(f), 100e6);
        assertEq(nft.ownerOf(ID), seller);
    }

    function test_falseReturningToken_naiveGivesTheTokenAway() public {
        FalseReturningToken f = new FalseReturningToken();
        f.mint(buyer, 1_000e6);
        vm.prank(seller);
        naive.list(address(nft), ID, address(f), 100e6);
        vm.prank(buyer);
        naive.buy(address(nft), ID);
        assertEq(nft.ownerOf(ID), buyer);
        assertEq(f.balanceOf(buyer), 1_000e6, "paid nothing");
    }

    // ---------------------------------------------------------------- fee on transfer

    /// @dev A 1%-fee token delivers 99 for a price of 100: crediting 100 makes the market owe more than it holds.
    function test_feeOnTransfer_guarded() public {
        FeeOnTransferToken fot = new FeeOnTransferToken();
        fot.mint(buyer, 1_000e6);
        vm.prank(buyer);
        fot.approve(address(market), type(uint256).max);
        _allow(address(fot));
        vm.prank(seller);
        market.listInCurrency(address(nft), ID, address(fot), 100e6, expiry);
        vm.expectRevert(abi.encodeWithSelector(Market.CurrencyAmountMismatch.selector, address(fot), 100e6, 99e6));
        vm.prank(buyer);
        market.buyInCurrency(address(nft), ID, address(fot), 100e6);
        vm.expectRevert(abi.encodeWithSelector(Market.CurrencyAmountMismatch.selector, address(fot), 100e6, 99e6));
        vm.prank(buyer);
        market.makeOfferInCurrency(address(nft), ID, address(fot), 100e6, expiry);
        assertEq(fot.balanceOf(address(market)), 0);
    }

    function test_feeOnTransfer_naiveIsInsolvent() public {
        FeeOnTransferToken fot = new FeeOnTransferToken();
        fot.mint(buyer, 1_000e6);
        vm.prank(buyer);
        fot.approve(address(naive), type(uint256).max);
        vm.prank(seller);
        naive.list(address(nft), ID, address(fot), 100e6);
        vm.prank(buyer);
        naive.buy(address(nft), ID);
        uint256 owed = naive.credits(seller, address(fot)) + naive.credits(royaltyReceiver, address(fot));
        assertEq(owed, 100e6);
        assertEq(fot.balanceOf(address(naive)), 99e6, "owes 100, holds 99");
        vm.prank(seller);
        naive.withdraw(address(fot));
        vm.expectRevert();
        vm.prank(royaltyReceiver);
        naive.withdraw(address(fot)); // the last payee cannot be paid
    }

    // ---------------------------------------------------------------- a token that reenters

    /// @dev An allowed token with a transfer hook reenters the market while the payment is pulled (credits already
    /// written): every entry point is `nonReentrant`, so the whole purchase reverts.
    function test_reentrantToken_guarded() public {
        ReentrantToken r = new ReentrantToken();
        r.mint(buyer, 1_000e6);
        vm.prank(buyer);
        r.approve(address(market), type(uint256).max);
        _allow(address(r));
        vm.prank(seller);
        market.listInCurrency(address(nft), ID, address(r), 100e6, expiry);
        r.arm(address(market), abi.encodeCall(Market.withdrawCurrency, (seller, address(r))));
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        vm.prank(buyer);
        market.buyInCurrency(address(nft), ID, address(r), 100e6);
        assertEq(nft.ownerOf(ID), seller);
        assertEq(r.balanceOf(address(market)), 0);
        // Not vacuous: disarmed, the same token and purchase go through.
        r.arm(address(0), "");
        vm.prank(buyer);
        market.buyInCurrency(address(nft), ID, address(r), 100e6);
        assertEq(nft.ownerOf(ID), buyer);
        assertEq(market.currencyCreditsOf(seller, address(r)), 90e6);
    }

    // ---------------------------------------------------------------- the price raised under a standing allowance

    /// @dev The buyer approved the market for much more than the price; the seller raises the price just before the
    /// buy lands. v2's buyer names the price; a naive market charges whatever the listing says now.
    function test_priceRaisedBeforeBuy_guarded() public {
        vm.prank(seller);
        market.listInCurrency(address(nft), ID, address(usd), 10e6, expiry);
        vm.prank(seller);
        market.updateListing(address(nft), ID, 900e6); // front-runs the buy
        vm.expectRevert(abi.encodeWithSelector(Market.PriceMismatch.selector, 10e6, 900e6));
        vm.prank(buyer);
        market.buyInCurrency(address(nft), ID, address(usd), 10e6);
        assertEq(usd.balanceOf(buyer), 1_000e6);
    }

    function test_priceRaisedBeforeBuy_naiveChargesTheRaisedPrice() public {
        vm.prank(seller);
        naive.list(address(nft), ID, address(usd), 10e6);
        vm.prank(seller);
        naive.list(address(nft), ID, address(usd), 900e6); // front-runs the buy
        vm.prank(buyer);
        naive.buy(address(nft), ID);
        assertEq(usd.balanceOf(buyer), 100e6, "paid 900 for a 10 listing");
    }

    // ---------------------------------------------------------------- the wrong currency, native value mixed in

    /// @dev A native buy of a token-priced listing (and the reverse) reverts; ETH sent to a token-priced entry point
    /// is refused (they are not payable), so no ETH can ever be stuck in the market by a token purchase.
    function test_wrongCurrency_andNativeValueMixedIn_guarded() public {
        vm.prank(seller);
        market.listInCurrency(address(nft), ID, address(usd), 10e6, expiry);
        vm.expectRevert(abi.encodeWithSelector(Market.WrongCurrency.selector, address(0), address(usd)));
        vm.prank(buyer);
        market.buy{value: 10e6}(address(nft), ID);
        MotifTestUSD usd2 = new MotifTestUSD();
        _allow(address(usd2));
        vm.expectRevert(abi.encodeWithSelector(Market.WrongCurrency.selector, address(usd2), address(usd)));
        vm.prank(buyer);
        market.buyInCurrency(address(nft), ID, address(usd2), 10e6);

        vm.startPrank(buyer);
        (bool ok, ) = address(market).call{value: 1 ether}(
            abi.encodeCall(Market.buyInCurrency, (address(nft), ID, address(usd), 10e6))
        );
        assertFalse(ok, "buyInCurrency refuses ETH");
        (ok, ) = address(market).call{value: 1 ether}(
            abi.encodeCall(Market.makeOfferInCurrency, (address(nft), ID, address(usd), 10e6, expiry))
        );
        assertFalse(ok, "makeOfferInCurrency refuses ETH");
        Market.CurrencyOrder memory o = Market.CurrencyOrder(seller, address(nft), ID, address(usd), 10e6, 0, 0, expiry, 1);
        bytes memory sig = signDigest(sellerKey, market.currencyOrderDigest(o));
        (ok, ) = address(market).call{value: 1 ether}(abi.encodeCall(Market.fillInCurrency, (o, sig)));
        assertFalse(ok, "fillInCurrency refuses ETH");
        vm.stopPrank();
        assertEq(address(market).balance, 0, "no ETH stuck");
        assertEq(buyer.balance, 10 ether);

        // A native listing is never bought with the token.
        vm.prank(seller);
        market.list(address(nft), ID, 1 ether, expiry);
        vm.expectRevert(abi.encodeWithSelector(Market.WrongCurrency.selector, address(usd), address(0)));
        vm.prank(buyer);
        market.buyInCurrency(address(nft), ID, address(usd), 1 ether);
    }

    /// @dev A native order's signature never fills a currency order, nor the reverse (distinct EIP-712 types).
    function test_orderTypeConfusion_guarded() public {
        Market.Order memory n = Market.Order(seller, address(nft), ID, 10e6, 0, 0, expiry, 1);
        bytes memory nativeSig = signDigest(sellerKey, market.orderDigest(n));
        Market.CurrencyOrder memory c = Market.CurrencyOrder(seller, address(nft), ID, address(usd), 10e6, 0, 0, expiry, 1);
        vm.expectRevert(Market.InvalidSignature.selector);
        vm.prank(buyer);
        market.fillInCurrency(c, nativeSig);
        bytes memory currencySig = signDigest(sellerKey, market.currencyOrderDigest(c));
        vm.expectRevert(Market.InvalidSignature.selector);
        vm.prank(buyer);
        market.fill{value: 10e6}(n, currencySig);
        // Each with its own signature fills (not vacuous).
        vm.prank(buyer);
        market.fillInCurrency(c, currencySig);
        assertEq(nft.ownerOf(ID), buyer);
    }

    /// @dev The buyer swaps a 100 tUSD offer for a native offer of 100e6 wei (dust) before the seller accepts: the
    /// seller names the currency, and the swapped offer is another escrow that this acceptance never reads.
    function test_offerCurrencySwap_guarded() public {
        vm.prank(buyer);
        market.makeOfferInCurrency(address(nft), ID, address(usd), 100e6, expiry);
        vm.startPrank(buyer);
        market.cancelOfferInCurrency(address(nft), ID, address(usd));
        market.makeOffer{value: 100e6}(address(nft), ID, expiry);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(Market.NoOffer.selector, buyer));
        vm.prank(seller);
        market.acceptOfferInCurrency(address(nft), ID, buyer, address(usd), 100e6, 0);
        assertEq(nft.ownerOf(ID), seller);
    }
}
