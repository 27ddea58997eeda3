// solhint-disable func-name-mixedcase, one-contract-per-file, use-forbidden-name, gas-custom-errors, gas-increment-by-one
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "./utils/Test.sol";
import {Market} from "../Market.sol";
import {MotifTestUSD} from "../testnet/MotifTestUSD.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {VersionedCollection, PlainCollection} from "./mocks/MarketMocks.sol";
import {MockERC20} from "./mocks/MockERC20.sol";

/// @notice Sales, signed orders, offers and credits priced in an allowlisted ERC-20 (issue #20).
contract MarketCurrencyTest is Test {
    Market internal market;
    MotifTestUSD internal usd;
    MockERC20 internal other18;
    VersionedCollection internal tracks;
    PlainCollection internal plain;
    address internal owner = address(0x0A);
    uint256 internal sellerKey = 0x5E11;
    address internal seller;
    address internal buyer = address(0xB0B);
    address internal feeTo = address(0xFEE);
    address internal royaltyReceiver = address(0x5EC);
    uint256 internal id = 42;
    uint64 internal expiry;

    event CurrencyAllowed(address indexed currency, bool allowed);
    event ListedInCurrency(
        address indexed collection,
        uint256 indexed tokenId,
        address indexed seller,
        address currency,
        uint256 price,
        uint64 expiry
    );
    event SaleInCurrency(
        address indexed collection,
        uint256 indexed tokenId,
        address indexed buyer,
        address seller,
        address currency,
        uint256 price,
        address royaltyReceiver,
        uint256 royalty,
        uint256 fee
    );
    event OfferMadeInCurrency(
        address indexed collection,
        uint256 indexed tokenId,
        address indexed buyer,
        address currency,
        uint256 amount,
        uint64 expiry
    );
    event OfferCancelledInCurrency(
        address indexed collection,
        uint256 indexed tokenId,
        address indexed buyer,
        address currency,
        uint256 amount
    );
    event WithdrawalInCurrency(address indexed account, address indexed currency, address to, uint256 amount);

    function setUp() public {
        seller = vm.addr(sellerKey);
        market = new Market(owner);
        usd = new MotifTestUSD();
        other18 = new MockERC20(18);
        tracks = new VersionedCollection();
        plain = new PlainCollection();
        tracks.mint(seller, id, royaltyReceiver, 1000);
        plain.mint(seller, id, royaltyReceiver, 1000);
        vm.startPrank(seller);
        tracks.setApprovalForAll(address(market), true);
        plain.setApprovalForAll(address(market), true);
        vm.stopPrank();
        vm.startPrank(owner);
        market.setCurrencyAllowed(address(usd), true);
        market.setCurrencyAllowed(address(other18), true);
        market.setFee(feeTo, 250);
        vm.stopPrank();
        usd.mint(buyer, 1_000e6);
        other18.mint(buyer, 1_000 ether);
        vm.startPrank(buyer);
        usd.approve(address(market), type(uint256).max);
        other18.approve(address(market), type(uint256).max);
        vm.stopPrank();
        vm.deal(buyer, 100 ether);
        expiry = uint64(block.timestamp + 7 days);
    }

    function _listUsd(address collection, uint256 price) internal {
        vm.prank(seller);
        market.listInCurrency(collection, id, address(usd), price, expiry);
    }

    function _order(address collection, address currency, uint256 price, uint256 nonce) internal view returns (Market.CurrencyOrder memory o) {
        o = Market.CurrencyOrder({
            seller: seller,
            collection: collection,
            tokenId: id,
            currency: currency,
            price: price,
            maxFeeBps: 1000,
            tokenVersion: collection == address(tracks) ? tracks.tokenVersion(id) : 0,
            expiry: expiry,
            nonce: nonce
        });
    }

    function _sign(Market.CurrencyOrder memory o) internal view returns (bytes memory) {
        return signDigest(sellerKey, market.currencyOrderDigest(o));
    }

    // ---------------------------------------------------------------- allowlist

    function test_setCurrencyAllowed_ownerOnly_contractsOnly() public {
        MockERC20 t = new MockERC20(6);
        assertFalse(market.currencyAllowed(address(t)));
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, buyer));
        vm.prank(buyer);
        market.setCurrencyAllowed(address(t), true);
        vm.expectRevert(abi.encodeWithSelector(Market.InvalidCurrency.selector, address(0)));
        vm.prank(owner);
        market.setCurrencyAllowed(address(0), true);
        vm.expectRevert(abi.encodeWithSelector(Market.InvalidCurrency.selector, buyer));
        vm.prank(owner);
        market.setCurrencyAllowed(buyer, true);
        vm.expectEmit();
        emit CurrencyAllowed(address(t), true);
        vm.prank(owner);
        market.setCurrencyAllowed(address(t), true);
        assertTrue(market.currencyAllowed(address(t)));
        vm.prank(owner);
        market.setCurrencyAllowed(address(t), false);
        assertFalse(market.currencyAllowed(address(t)));
    }

    // ---------------------------------------------------------------- listings

    function test_buyInCurrency_creditsEveryPartyInTheToken() public {
        vm.expectEmit();
        emit ListedInCurrency(address(tracks), id, seller, address(usd), 20e6, expiry);
        _listUsd(address(tracks), 20e6);
        assertEq(market.listingCurrency(address(tracks), id), address(usd));
        (address s, uint256 price, , bool live) = market.listingOf(address(tracks), id);
        assertEq(s, seller);
        assertEq(price, 20e6);
        assertTrue(live);
        vm.expectEmit();
        emit SaleInCurrency(address(tracks), id, buyer, seller, address(usd), 20e6, royaltyReceiver, 2e6, 0.5e6);
        vm.prank(buyer);
        market.buyInCurrency(address(tracks), id, address(usd), 20e6);
        assertEq(tracks.ownerOf(id), buyer);
        assertEq(usd.balanceOf(buyer), 980e6);
        assertEq(usd.balanceOf(address(market)), 20e6);
        assertEq(market.currencyCreditsOf(feeTo, address(usd)), 0.5e6);
        assertEq(market.currencyCreditsOf(royaltyReceiver, address(usd)), 2e6);
        assertEq(market.currencyCreditsOf(seller, address(usd)), 17.5e6);
        assertEq(market.creditsOf(seller), 0, "nothing credited in the native currency");
        assertEq(market.listingCurrency(address(tracks), id), address(0));
        vm.expectEmit();
        emit WithdrawalInCurrency(seller, address(usd), seller, 17.5e6);
        market.withdrawCurrency(seller, address(usd));
        assertEq(usd.balanceOf(seller), 17.5e6);
        assertEq(market.currencyCreditsOf(seller, address(usd)), 0);
        vm.expectRevert(abi.encodeWithSelector(Market.NothingToWithdraw.selector, seller));
        market.withdrawCurrency(seller, address(usd));
        vm.prank(royaltyReceiver);
        market.withdrawCurrencyTo(address(usd), address(0xCAFE));
        assertEq(usd.balanceOf(address(0xCAFE)), 2e6);
        vm.expectRevert(Market.InvalidRecipient.selector);
        vm.prank(feeTo);
        market.withdrawCurrencyTo(address(usd), address(0));
        assertEq(usd.balanceOf(address(market)), 0.5e6, "the market holds exactly the fee still owed");
        assertEq(address(market).balance, 0);
    }

    function test_buyInCurrency_plainCollection_andAn18DecimalToken() public {
        vm.prank(seller);
        market.listInCurrency(address(plain), id, address(other18), 3 ether, expiry);
        vm.prank(buyer);
        market.buyInCurrency(address(plain), id, address(other18), 3 ether);
        assertEq(plain.ownerOf(id), buyer);
        assertEq(market.currencyCreditsOf(seller, address(other18)), 3 ether - 0.3 ether - 0.075 ether);
        assertEq(market.currencyCreditsOf(seller, address(usd)), 0, "credits are per currency");
    }

    function test_listInCurrency_refusesCurrenciesNotAllowed() public {
        MockERC20 t = new MockERC20(6);
        vm.expectRevert(abi.encodeWithSelector(Market.CurrencyNotAllowed.selector, address(t)));
        vm.prank(seller);
        market.listInCurrency(address(tracks), id, address(t), 1e6, expiry);
        vm.expectRevert(abi.encodeWithSelector(Market.CurrencyNotAllowed.selector, address(0)));
        vm.prank(seller);
        market.listInCurrency(address(tracks), id, address(0), 1e6, expiry);
        vm.expectRevert(abi.encodeWithSelector(Market.NotTokenOwner.selector, buyer));
        vm.prank(buyer);
        market.listInCurrency(address(tracks), id, address(usd), 1e6, expiry);
    }

    function test_updateListing_keepsTheCurrency_relistNativeClearsIt() public {
        _listUsd(address(tracks), 5e6);
        vm.prank(seller);
        market.updateListing(address(tracks), id, 7e6);
        assertEq(market.listingCurrency(address(tracks), id), address(usd));
        vm.expectRevert(abi.encodeWithSelector(Market.PriceMismatch.selector, 5e6, 7e6));
        vm.prank(buyer);
        market.buyInCurrency(address(tracks), id, address(usd), 5e6);
        vm.prank(seller);
        market.list(address(tracks), id, 1 ether, expiry);
        assertEq(market.listingCurrency(address(tracks), id), address(0));
        vm.expectRevert(abi.encodeWithSelector(Market.WrongCurrency.selector, address(usd), address(0)));
        vm.prank(buyer);
        market.buyInCurrency(address(tracks), id, address(usd), 1 ether);
        vm.prank(buyer);
        market.buy{value: 1 ether}(address(tracks), id);
        assertEq(market.creditsOf(seller), 0.875 ether);
    }

    function test_buyInCurrency_staleOrExpiredListing() public {
        _listUsd(address(tracks), 5e6);
        vm.warp(expiry + 1);
        vm.expectRevert(abi.encodeWithSelector(Market.ListingExpired.selector, expiry));
        vm.prank(buyer);
        market.buyInCurrency(address(tracks), id, address(usd), 5e6);
        vm.warp(expiry - 1);
        vm.prank(seller);
        tracks.transferFrom(seller, address(0xD00D), id);
        vm.expectRevert(abi.encodeWithSelector(Market.ListingStale.selector, address(tracks), id));
        vm.prank(buyer);
        market.buyInCurrency(address(tracks), id, address(usd), 5e6);
    }

    // ---------------------------------------------------------------- signed orders

    function test_fillInCurrency_versioned_thenDead() public {
        Market.CurrencyOrder memory o = _order(address(tracks), address(usd), 10e6, 1);
        bytes memory sig = _sign(o);
        vm.prank(buyer);
        market.fillInCurrency(o, sig);
        assertEq(tracks.ownerOf(id), buyer);
        assertEq(market.currencyCreditsOf(seller, address(usd)), 10e6 - 1e6 - 0.25e6);
        assertEq(market.currencyCreditsOf(royaltyReceiver, address(usd)), 1e6);
        vm.prank(buyer);
        tracks.transferFrom(buyer, seller, id);
        vm.expectRevert(abi.encodeWithSelector(Market.OrderStale.selector, address(tracks), id));
        vm.prank(buyer);
        market.fillInCurrency(o, sig);
    }

    function test_fillInCurrency_plainCollection_usesTheNonce() public {
        Market.CurrencyOrder memory o = _order(address(plain), address(usd), 10e6, 7);
        bytes memory sig = _sign(o);
        vm.prank(buyer);
        market.fillInCurrency(o, sig);
        assertTrue(market.nonceUsed(seller, 7));
        vm.prank(buyer);
        plain.transferFrom(buyer, seller, id);
        vm.expectRevert(abi.encodeWithSelector(Market.OrderNonceUsed.selector, seller, 7));
        vm.prank(buyer);
        market.fillInCurrency(o, sig);
    }

    function test_fillInCurrency_reverts() public {
        Market.CurrencyOrder memory o = _order(address(tracks), address(usd), 10e6, 1);
        bytes memory sig = _sign(o);
        // Another price than signed.
        o.price = 1e6;
        vm.expectRevert(Market.InvalidSignature.selector);
        vm.prank(buyer);
        market.fillInCurrency(o, sig);
        o.price = 10e6;
        // Cancelled nonce.
        vm.prank(seller);
        market.cancelOrderNonce(1);
        vm.expectRevert(abi.encodeWithSelector(Market.OrderNonceUsed.selector, seller, 1));
        vm.prank(buyer);
        market.fillInCurrency(o, sig);
        // Currency no longer allowed.
        o = _order(address(tracks), address(usd), 10e6, 2);
        sig = _sign(o);
        vm.prank(owner);
        market.setCurrencyAllowed(address(usd), false);
        vm.expectRevert(abi.encodeWithSelector(Market.CurrencyNotAllowed.selector, address(usd)));
        vm.prank(buyer);
        market.fillInCurrency(o, sig);
        vm.prank(owner);
        market.setCurrencyAllowed(address(usd), true);
        // Expired.
        vm.warp(expiry + 1);
        vm.expectRevert(abi.encodeWithSelector(Market.OrderExpired.selector, expiry));
        vm.prank(buyer);
        market.fillInCurrency(o, sig);
    }

    // ---------------------------------------------------------------- offers

    function test_offerInCurrency_acceptEndsTheListing() public {
        _listUsd(address(tracks), 50e6);
        uint64 offerExpiry = uint64(block.timestamp + 1 days);
        vm.expectEmit();
        emit OfferMadeInCurrency(address(tracks), id, buyer, address(usd), 40e6, offerExpiry);
        vm.prank(buyer);
        market.makeOfferInCurrency(address(tracks), id, address(usd), 40e6, offerExpiry);
        (uint256 amount, uint64 e) = market.currencyOfferOf(address(tracks), id, buyer, address(usd));
        assertEq(amount, 40e6);
        assertEq(e, offerExpiry);
        (amount, ) = market.offerOf(address(tracks), id, buyer);
        assertEq(amount, 0, "not a native offer");
        assertEq(usd.balanceOf(address(market)), 40e6);
        vm.expectRevert(abi.encodeWithSelector(Market.OfferExists.selector, buyer));
        vm.prank(buyer);
        market.makeOfferInCurrency(address(tracks), id, address(usd), 1e6, offerExpiry);
        vm.expectRevert(abi.encodeWithSelector(Market.OfferAmountMismatch.selector, 40e6, 30e6));
        vm.prank(seller);
        market.acceptOfferInCurrency(address(tracks), id, buyer, address(usd), 30e6, 1000);
        vm.prank(seller);
        market.acceptOfferInCurrency(address(tracks), id, buyer, address(usd), 40e6, 100);
        assertEq(tracks.ownerOf(id), buyer);
        assertEq(market.currencyCreditsOf(feeTo, address(usd)), 0.4e6, "min(current, accepted) fee");
        assertEq(market.currencyCreditsOf(royaltyReceiver, address(usd)), 4e6);
        assertEq(market.currencyCreditsOf(seller, address(usd)), 35.6e6);
        (address s, , , ) = market.listingOf(address(tracks), id);
        assertEq(s, address(0));
    }

    function test_offerInCurrency_cancel_creditsBack_evenOnceDisallowed() public {
        vm.prank(buyer);
        market.makeOfferInCurrency(address(tracks), id, address(usd), 40e6, uint64(block.timestamp + 1 days));
        vm.prank(owner);
        market.setCurrencyAllowed(address(usd), false);
        vm.expectRevert(abi.encodeWithSelector(Market.CurrencyNotAllowed.selector, address(usd)));
        vm.prank(seller);
        market.acceptOfferInCurrency(address(tracks), id, buyer, address(usd), 40e6, 1000);
        vm.expectEmit();
        emit OfferCancelledInCurrency(address(tracks), id, buyer, address(usd), 40e6);
        vm.prank(buyer);
        market.cancelOfferInCurrency(address(tracks), id, address(usd));
        vm.expectRevert(abi.encodeWithSelector(Market.NoOffer.selector, buyer));
        vm.prank(buyer);
        market.cancelOfferInCurrency(address(tracks), id, address(usd));
        market.withdrawCurrency(buyer, address(usd));
        assertEq(usd.balanceOf(buyer), 1_000e6, "the whole escrow came back");
    }

    function test_offerInCurrency_reverts() public {
        MockERC20 t = new MockERC20(6);
        vm.expectRevert(abi.encodeWithSelector(Market.CurrencyNotAllowed.selector, address(t)));
        vm.prank(buyer);
        market.makeOfferInCurrency(address(tracks), id, address(t), 1e6, uint64(block.timestamp + 1));
        vm.expectRevert(abi.encodeWithSelector(Market.InvalidPrice.selector, 0));
        vm.prank(buyer);
        market.makeOfferInCurrency(address(tracks), id, address(usd), 0, uint64(block.timestamp + 1));
        vm.expectRevert(abi.encodeWithSelector(Market.InvalidExpiry.selector, uint64(block.timestamp)));
        vm.prank(buyer);
        market.makeOfferInCurrency(address(tracks), id, address(usd), 1e6, uint64(block.timestamp));
        vm.prank(buyer);
        market.makeOfferInCurrency(address(tracks), id, address(usd), 1e6, uint64(block.timestamp + 1));
        vm.expectRevert(abi.encodeWithSelector(Market.NotTokenOwner.selector, buyer));
        vm.prank(buyer);
        market.acceptOfferInCurrency(address(tracks), id, buyer, address(usd), 1e6, 0);
        vm.warp(block.timestamp + 2);
        vm.expectRevert(abi.encodeWithSelector(Market.OfferExpired.selector, uint64(block.timestamp - 1)));
        vm.prank(seller);
        market.acceptOfferInCurrency(address(tracks), id, buyer, address(usd), 1e6, 0);
    }

    /// @dev Removing a currency stops new sales in it and never freezes what is owed in it.
    function test_disallowedCurrency_stopsSales_keepsCreditsWithdrawable() public {
        _listUsd(address(tracks), 20e6);
        vm.prank(buyer);
        market.buyInCurrency(address(tracks), id, address(usd), 20e6);
        vm.prank(owner);
        market.setCurrencyAllowed(address(usd), false);
        vm.prank(buyer);
        tracks.setApprovalForAll(address(market), true);
        vm.expectRevert(abi.encodeWithSelector(Market.CurrencyNotAllowed.selector, address(usd)));
        vm.prank(buyer);
        market.listInCurrency(address(tracks), id, address(usd), 20e6, expiry);
        market.withdrawCurrency(seller, address(usd));
        assertEq(usd.balanceOf(seller), 17.5e6);
    }

    /// @dev A listing made while allowed cannot be bought once the currency is removed.
    function test_disallowedCurrency_liveListingCannotSell() public {
        _listUsd(address(tracks), 20e6);
        vm.prank(owner);
        market.setCurrencyAllowed(address(usd), false);
        vm.expectRevert(abi.encodeWithSelector(Market.CurrencyNotAllowed.selector, address(usd)));
        vm.prank(buyer);
        market.buyInCurrency(address(tracks), id, address(usd), 20e6);
    }

    /// @dev Every unit paid is credited: seller + royalty + fee == price, for any price, royalty and fee.
    /// forge-config: default.fuzz.runs = 10000
    function testFuzz_saleInCurrency_conserves(uint96 price, uint16 feeBps, uint16 royaltyBps) public {
        price = uint96(bound(price, 1, 1_000e6));
        feeBps = uint16(bound(feeBps, 0, 1000));
        royaltyBps = uint16(bound(royaltyBps, 0, 10_000));
        uint256 t = 77;
        tracks.mint(seller, t, royaltyReceiver, royaltyBps);
        vm.prank(owner);
        market.setFee(feeTo, feeBps);
        vm.prank(seller);
        market.listInCurrency(address(tracks), t, address(usd), price, expiry);
        vm.prank(buyer);
        market.buyInCurrency(address(tracks), t, address(usd), price);
        uint256 credited = market.currencyCreditsOf(seller, address(usd)) +
            market.currencyCreditsOf(royaltyReceiver, address(usd)) +
            market.currencyCreditsOf(feeTo, address(usd));
        assertEq(credited, price, "credits + fee + royalty == paid");
        assertEq(usd.balanceOf(address(market)), price);
    }
}
