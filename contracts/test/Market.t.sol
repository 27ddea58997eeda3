// solhint-disable func-name-mixedcase, one-contract-per-file, use-forbidden-name, gas-custom-errors, gas-increment-by-one
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "./utils/Test.sol";
import {Market} from "../Market.sol";
import {TrackCollection} from "../TrackCollection.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

contract MarketTest is Test {
    Market internal market;
    TrackCollection internal tracks;
    address internal owner = address(0x0A);
    address internal seller = address(0x5E11);
    address internal buyer = address(0xB0B);
    address internal other = address(0x07);
    address internal royaltyReceiver = address(0x5EC);
    uint256 internal id;

    event Sale(
        address indexed collection,
        uint256 indexed tokenId,
        address indexed buyer,
        address seller,
        uint256 price,
        address royaltyReceiver,
        uint256 royalty,
        uint256 fee
    );

    function setUp() public {
        market = new Market(owner);
        tracks = new TrackCollection("Motif Tracks", "MOTIF");
        vm.prank(seller);
        id = tracks.mint(seller, keccak256("track"), keccak256("manifest"), royaltyReceiver, 1000, 0);
        vm.prank(seller);
        tracks.setApprovalForAll(address(market), true);
        vm.deal(buyer, 100 ether);
        vm.deal(other, 100 ether);
    }

    function _list(uint256 price) internal {
        vm.prank(seller);
        market.list(address(tracks), id, price);
    }

    // ---------------------------------------------------------------- listings

    function test_buy_paysRoyaltyAndSellerByPull() public {
        _list(2 ether);
        vm.expectEmit();
        emit Sale(address(tracks), id, buyer, seller, 2 ether, royaltyReceiver, 0.2 ether, 0);
        vm.prank(buyer);
        market.buy{value: 2 ether}(address(tracks), id);
        assertEq(tracks.ownerOf(id), buyer);
        assertEq(market.creditsOf(royaltyReceiver), 0.2 ether);
        assertEq(market.creditsOf(seller), 1.8 ether);
        (address s, , ) = market.listingOf(address(tracks), id);
        assertEq(s, address(0));
        market.withdraw(payable(seller));
        assertEq(seller.balance, 1.8 ether);
        assertEq(market.creditsOf(seller), 0);
    }

    function test_buy_withPlatformFee() public {
        vm.prank(owner);
        market.setFee(other, 250);
        (address r, uint16 bps) = market.fee();
        assertEq(r, other);
        assertEq(bps, 250);
        _list(4 ether);
        vm.prank(buyer);
        market.buy{value: 4 ether}(address(tracks), id);
        assertEq(market.creditsOf(other), 0.1 ether);
        assertEq(market.creditsOf(royaltyReceiver), 0.4 ether);
        assertEq(market.creditsOf(seller), 3.5 ether);
    }

    function test_list_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(Market.NotTokenOwner.selector, buyer));
        vm.prank(buyer);
        market.list(address(tracks), id, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(Market.InvalidPrice.selector, 0));
        vm.prank(seller);
        market.list(address(tracks), id, 0);
        vm.expectRevert(abi.encodeWithSelector(Market.InvalidPrice.selector, uint256(type(uint96).max) + 1));
        vm.prank(seller);
        market.list(address(tracks), id, uint256(type(uint96).max) + 1);
        vm.prank(seller);
        tracks.setApprovalForAll(address(market), false);
        vm.expectRevert(abi.encodeWithSelector(Market.MarketNotApproved.selector, address(tracks), id));
        vm.prank(seller);
        market.list(address(tracks), id, 1 ether);
        vm.prank(seller);
        tracks.approve(address(market), id);
        _list(1 ether);
        (, uint256 price, bool live) = market.listingOf(address(tracks), id);
        assertEq(price, 1 ether);
        assertTrue(live);
    }

    function test_updateListing() public {
        _list(1 ether);
        vm.prank(seller);
        market.updateListing(address(tracks), id, 3 ether);
        (, uint256 price, ) = market.listingOf(address(tracks), id);
        assertEq(price, 3 ether);
        vm.expectRevert(abi.encodeWithSelector(Market.NotTokenOwner.selector, buyer));
        vm.prank(buyer);
        market.updateListing(address(tracks), id, 1);
        vm.expectRevert(abi.encodeWithSelector(Market.InvalidPrice.selector, 0));
        vm.prank(seller);
        market.updateListing(address(tracks), id, 0);
        // A buyer who sent the old price cannot be charged the new one.
        vm.expectRevert(abi.encodeWithSelector(Market.WrongPayment.selector, 1 ether, 3 ether));
        vm.prank(buyer);
        market.buy{value: 1 ether}(address(tracks), id);
    }

    function test_updateListing_revertsWhenNotListed() public {
        vm.expectRevert(abi.encodeWithSelector(Market.NotListed.selector, address(tracks), id));
        vm.prank(seller);
        market.updateListing(address(tracks), id, 1);
    }

    function test_cancelListing() public {
        _list(1 ether);
        vm.expectRevert(abi.encodeWithSelector(Market.NotTokenOwner.selector, buyer));
        vm.prank(buyer);
        market.cancelListing(address(tracks), id);
        vm.prank(seller);
        market.cancelListing(address(tracks), id);
        vm.expectRevert(abi.encodeWithSelector(Market.NotListed.selector, address(tracks), id));
        vm.prank(buyer);
        market.buy{value: 1 ether}(address(tracks), id);
        vm.expectRevert(abi.encodeWithSelector(Market.NotListed.selector, address(tracks), id));
        vm.prank(seller);
        market.cancelListing(address(tracks), id);
    }

    function test_staleListing_anyoneMayCancel() public {
        _list(1 ether);
        vm.prank(seller);
        tracks.transferFrom(seller, other, id);
        (, , bool live) = market.listingOf(address(tracks), id);
        assertFalse(live);
        vm.prank(buyer);
        market.cancelListing(address(tracks), id);
    }

    function test_buy_revertsAfterTokenMoved() public {
        _list(1 ether);
        vm.prank(seller);
        tracks.transferFrom(seller, other, id);
        // Even when the new owner has approved the market for all of its tokens.
        vm.prank(other);
        tracks.setApprovalForAll(address(market), true);
        vm.expectRevert(abi.encodeWithSelector(Market.ListingStale.selector, address(tracks), id));
        vm.prank(buyer);
        market.buy{value: 1 ether}(address(tracks), id);
        assertEq(tracks.ownerOf(id), other);
    }

    function test_buy_cannotBuyTwice() public {
        _list(1 ether);
        vm.prank(buyer);
        market.buy{value: 1 ether}(address(tracks), id);
        vm.expectRevert(abi.encodeWithSelector(Market.NotListed.selector, address(tracks), id));
        vm.prank(other);
        market.buy{value: 1 ether}(address(tracks), id);
    }

    function test_buy_revertsOnWrongPayment() public {
        _list(1 ether);
        vm.expectRevert(abi.encodeWithSelector(Market.WrongPayment.selector, 2 ether, 1 ether));
        vm.prank(buyer);
        market.buy{value: 2 ether}(address(tracks), id);
    }

    // ---------------------------------------------------------------- offers

    function test_offer_makeCancelWithdraw() public {
        vm.prank(buyer);
        market.makeOffer{value: 1 ether}(address(tracks), id, uint64(block.timestamp + 1 days));
        (uint256 amount, uint64 expiry) = market.offerOf(address(tracks), id, buyer);
        assertEq(amount, 1 ether);
        assertEq(expiry, block.timestamp + 1 days);
        vm.expectRevert(abi.encodeWithSelector(Market.OfferExists.selector, buyer));
        vm.prank(buyer);
        market.makeOffer{value: 1 ether}(address(tracks), id, uint64(block.timestamp + 1 days));
        vm.prank(buyer);
        market.cancelOffer(address(tracks), id);
        assertEq(market.creditsOf(buyer), 1 ether);
        vm.expectRevert(abi.encodeWithSelector(Market.NoOffer.selector, buyer));
        vm.prank(buyer);
        market.cancelOffer(address(tracks), id);
        uint256 before = buyer.balance;
        market.withdraw(payable(buyer));
        assertEq(buyer.balance - before, 1 ether);
    }

    function test_makeOffer_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(Market.InvalidPrice.selector, 0));
        vm.prank(buyer);
        market.makeOffer(address(tracks), id, uint64(block.timestamp + 1));
        vm.expectRevert(abi.encodeWithSelector(Market.InvalidExpiry.selector, uint64(block.timestamp)));
        vm.prank(buyer);
        market.makeOffer{value: 1}(address(tracks), id, uint64(block.timestamp));
    }

    function test_acceptOffer_settlesAndEndsListing() public {
        _list(5 ether);
        vm.prank(buyer);
        market.makeOffer{value: 1 ether}(address(tracks), id, uint64(block.timestamp + 1 days));
        vm.prank(seller);
        market.acceptOffer(address(tracks), id, buyer, 1 ether);
        assertEq(tracks.ownerOf(id), buyer);
        assertEq(market.creditsOf(seller), 0.9 ether);
        assertEq(market.creditsOf(royaltyReceiver), 0.1 ether);
        (address s, , ) = market.listingOf(address(tracks), id);
        assertEq(s, address(0));
        (uint256 amount, ) = market.offerOf(address(tracks), id, buyer);
        assertEq(amount, 0);
        assertEq(address(market).balance, 1 ether);
    }

    function test_acceptOffer_reverts() public {
        uint64 expiry = uint64(block.timestamp + 1 days);
        vm.prank(buyer);
        market.makeOffer{value: 1 ether}(address(tracks), id, expiry);
        vm.expectRevert(abi.encodeWithSelector(Market.NotTokenOwner.selector, other));
        vm.prank(other);
        market.acceptOffer(address(tracks), id, buyer, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(Market.NoOffer.selector, other));
        vm.prank(seller);
        market.acceptOffer(address(tracks), id, other, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(Market.OfferAmountMismatch.selector, 1 ether, 2 ether));
        vm.prank(seller);
        market.acceptOffer(address(tracks), id, buyer, 2 ether);
        vm.warp(expiry + 1);
        vm.expectRevert(abi.encodeWithSelector(Market.OfferExpired.selector, expiry));
        vm.prank(seller);
        market.acceptOffer(address(tracks), id, buyer, 1 ether);
    }

    // ---------------------------------------------------------------- admin and payments

    function test_setFee_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, buyer));
        vm.prank(buyer);
        market.setFee(buyer, 100);
        vm.expectRevert(abi.encodeWithSelector(Market.FeeTooHigh.selector, 1001, 1000));
        vm.prank(owner);
        market.setFee(owner, 1001);
        vm.expectRevert(Market.FeeRecipientZero.selector);
        vm.prank(owner);
        market.setFee(address(0), 100);
    }

    function test_withdraw_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(Market.NothingToWithdraw.selector, buyer));
        market.withdraw(payable(buyer));
        // A recipient that rejects ETH only blocks its own withdrawal, and keeps its credit.
        address rejecting = address(tracks); // TrackCollection has no receive()
        vm.prank(owner);
        market.setFee(rejecting, 1000);
        _list(1 ether);
        vm.prank(buyer);
        market.buy{value: 1 ether}(address(tracks), id);
        vm.expectRevert(abi.encodeWithSelector(Market.TransferFailed.selector, rejecting, 0.1 ether));
        market.withdraw(payable(rejecting));
        assertEq(market.creditsOf(rejecting), 0.1 ether);
        market.withdraw(payable(seller));
    }

    function testFuzz_sale_conservesFunds(uint96 price, uint16 feeBps) public {
        price = uint96(bound(price, 1, type(uint96).max));
        feeBps = uint16(bound(feeBps, 0, 1000));
        if (feeBps != 0) {
            vm.prank(owner);
            market.setFee(other, feeBps);
        }
        _list(price);
        vm.deal(buyer, price);
        vm.prank(buyer);
        market.buy{value: price}(address(tracks), id);
        uint256 credited = market.creditsOf(seller) + market.creditsOf(royaltyReceiver) + market.creditsOf(other);
        assertEq(credited, price, "every wei paid is credited");
        assertEq(address(market).balance, price);
    }
}
