// solhint-disable func-name-mixedcase, one-contract-per-file, use-forbidden-name, gas-custom-errors, gas-increment-by-one
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "./utils/Test.sol";
import {Market} from "../Market.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {TrackCollection} from "../TrackCollection.sol";
import {VersionedCollection, PlainCollection, MockERC1271Wallet, FrozenVersionCollection} from "./mocks/MarketMocks.sol";

contract MarketTest is Test {
    Market internal market;
    VersionedCollection internal tracks;
    PlainCollection internal plain;
    address internal owner = address(0x0A);
    uint256 internal sellerKey = 0x5E11;
    address internal seller;
    address internal buyer = address(0xB0B);
    address internal other = address(0x07);
    address internal royaltyReceiver = address(0x5EC);
    uint256 internal id = 42;
    uint64 internal expiry;

    event Listed(address indexed collection, uint256 indexed tokenId, address indexed seller, uint256 price, uint64 expiry);
    event ListingUpdated(address indexed collection, uint256 indexed tokenId, uint256 price);
    event ListingCancelled(address indexed collection, uint256 indexed tokenId);
    event OrderNonceCancelled(address indexed seller, uint256 nonce);
    event Withdrawal(address indexed account, uint256 amount);
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
        seller = vm.addr(sellerKey);
        market = new Market(owner);
        tracks = new VersionedCollection();
        plain = new PlainCollection();
        tracks.mint(seller, id, royaltyReceiver, 1000);
        plain.mint(seller, id, royaltyReceiver, 1000);
        vm.startPrank(seller);
        tracks.setApprovalForAll(address(market), true);
        plain.setApprovalForAll(address(market), true);
        vm.stopPrank();
        vm.deal(buyer, 100 ether);
        vm.deal(other, 100 ether);
        expiry = uint64(block.timestamp + 7 days);
    }

    function _list(uint256 price) internal {
        vm.prank(seller);
        market.list(address(tracks), id, price, expiry);
    }

    function _order(address collection, uint256 price, uint256 nonce) internal view returns (Market.Order memory o) {
        o = Market.Order({
            seller: seller,
            collection: collection,
            tokenId: id,
            price: price,
            maxFeeBps: 1000,
            tokenVersion: collection == address(tracks) ? tracks.tokenVersion(id) : 0,
            expiry: expiry,
            nonce: nonce
        });
    }

    function _sign(Market.Order memory o) internal view returns (bytes memory) {
        return signDigest(sellerKey, market.orderDigest(o));
    }

    function _fill(Market.Order memory o, bytes memory sig, address who) internal {
        vm.prank(who);
        market.fill{value: o.price}(o, sig);
    }

    // ---------------------------------------------------------------- listings

    function test_buy_paysRoyaltyAndSellerByPull() public {
        vm.expectEmit();
        emit Listed(address(tracks), id, seller, 2 ether, expiry);
        _list(2 ether);
        vm.expectEmit();
        emit Sale(address(tracks), id, buyer, seller, 2 ether, royaltyReceiver, 0.2 ether, 0);
        vm.prank(buyer);
        market.buy{value: 2 ether}(address(tracks), id);
        assertEq(tracks.ownerOf(id), buyer);
        assertEq(market.creditsOf(royaltyReceiver), 0.2 ether);
        assertEq(market.creditsOf(seller), 1.8 ether);
        (address s, , , bool live) = market.listingOf(address(tracks), id);
        assertEq(s, address(0));
        assertFalse(live);
        vm.expectEmit();
        emit Withdrawal(seller, 1.8 ether);
        market.withdraw(payable(seller));
        assertEq(seller.balance, 1.8 ether, "every wei is paid out");
        assertEq(market.creditsOf(seller), 0);
        assertEq(address(market).balance, 0.2 ether);
    }

    function test_buy_withPlatformFee() public {
        vm.prank(owner);
        market.setFee(other, 250);
        (address r, uint16 bps) = market.fee();
        assertEq(r, other);
        assertEq(bps, 250);
        _list(4 ether);
        assertEq(market.listingMaxFeeBps(address(tracks), id), 250);
        vm.prank(buyer);
        market.buy{value: 4 ether}(address(tracks), id);
        assertEq(market.creditsOf(other), 0.1 ether);
        assertEq(market.creditsOf(royaltyReceiver), 0.4 ether);
        assertEq(market.creditsOf(seller), 3.5 ether);
    }

    function test_buy_feeLoweredAfterListingIsCharged() public {
        vm.prank(owner);
        market.setFee(other, 500);
        _list(1 ether);
        vm.prank(owner);
        market.setFee(other, 100);
        vm.prank(buyer);
        market.buy{value: 1 ether}(address(tracks), id);
        assertEq(market.creditsOf(other), 0.01 ether);
    }

    function test_buy_plainCollection() public {
        vm.prank(seller);
        market.list(address(plain), id, 1 ether, expiry);
        vm.prank(buyer);
        market.buy{value: 1 ether}(address(plain), id);
        assertEq(plain.ownerOf(id), buyer);
        assertEq(market.creditsOf(seller), 0.9 ether);
    }

    function test_list_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(Market.NotTokenOwner.selector, buyer));
        vm.prank(buyer);
        market.list(address(tracks), id, 1 ether, expiry);
        vm.expectRevert(abi.encodeWithSelector(Market.InvalidPrice.selector, 0));
        vm.prank(seller);
        market.list(address(tracks), id, 0, expiry);
        vm.expectRevert(abi.encodeWithSelector(Market.InvalidPrice.selector, uint256(type(uint96).max) + 1));
        vm.prank(seller);
        market.list(address(tracks), id, uint256(type(uint96).max) + 1, expiry);
        vm.prank(seller);
        tracks.setApprovalForAll(address(market), false);
        vm.expectRevert(abi.encodeWithSelector(Market.MarketNotApproved.selector, address(tracks), id));
        vm.prank(seller);
        market.list(address(tracks), id, 1 ether, expiry);
        vm.prank(seller);
        tracks.approve(address(market), id);
        _list(1 ether);
        (, uint256 price, uint64 e, bool live) = market.listingOf(address(tracks), id);
        assertEq(price, 1 ether);
        assertEq(e, expiry);
        assertTrue(live);
    }

    function test_list_expiryMandatoryAndBounded() public {
        uint64[3] memory bad = [uint64(0), uint64(block.timestamp), uint64(block.timestamp + 365 days + 1)];
        for (uint256 i = 0; i < bad.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(Market.InvalidExpiry.selector, bad[i]));
            vm.prank(seller);
            market.list(address(tracks), id, 1 ether, bad[i]);
        }
        vm.prank(seller);
        market.list(address(tracks), id, 1 ether, uint64(block.timestamp + 365 days));
    }

    function test_buy_revertsAfterExpiry() public {
        _list(1 ether);
        vm.warp(expiry);
        (, , , bool live) = market.listingOf(address(tracks), id);
        assertTrue(live, "live through its expiry second");
        vm.warp(expiry + 1);
        (, , , live) = market.listingOf(address(tracks), id);
        assertFalse(live);
        vm.expectRevert(abi.encodeWithSelector(Market.ListingExpired.selector, expiry));
        vm.prank(buyer);
        market.buy{value: 1 ether}(address(tracks), id);
        // Anyone may clear an expired listing.
        vm.prank(buyer);
        market.cancelListing(address(tracks), id);
    }

    function test_updateListing() public {
        _list(1 ether);
        vm.expectEmit();
        emit ListingUpdated(address(tracks), id, 3 ether);
        vm.prank(seller);
        market.updateListing(address(tracks), id, 3 ether);
        (, uint256 price, , ) = market.listingOf(address(tracks), id);
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

    function test_updateListing_revertsWhenNotListedOrStale() public {
        vm.expectRevert(abi.encodeWithSelector(Market.NotListed.selector, address(tracks), id));
        vm.prank(seller);
        market.updateListing(address(tracks), id, 1);
        _list(1 ether);
        vm.prank(seller);
        tracks.transferFrom(seller, other, id);
        vm.expectRevert(abi.encodeWithSelector(Market.ListingStale.selector, address(tracks), id));
        vm.prank(seller);
        market.updateListing(address(tracks), id, 2 ether);
    }

    function test_cancelListing() public {
        _list(1 ether);
        vm.expectRevert(abi.encodeWithSelector(Market.NotTokenOwner.selector, buyer));
        vm.prank(buyer);
        market.cancelListing(address(tracks), id);
        vm.expectEmit();
        emit ListingCancelled(address(tracks), id);
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
        (, , , bool live) = market.listingOf(address(tracks), id);
        assertFalse(live);
        vm.prank(buyer);
        market.cancelListing(address(tracks), id);
    }

    function test_buy_revertsAfterTokenMovedAndReturned() public {
        _list(1 ether);
        vm.prank(seller);
        tracks.transferFrom(seller, other, id);
        vm.prank(other);
        tracks.transferFrom(other, seller, id);
        // The seller owns it again, but the listing died for good when the token moved.
        (, , , bool live) = market.listingOf(address(tracks), id);
        assertFalse(live);
        vm.expectRevert(abi.encodeWithSelector(Market.ListingStale.selector, address(tracks), id));
        vm.prank(buyer);
        market.buy{value: 1 ether}(address(tracks), id);
        assertEq(tracks.ownerOf(id), seller);
    }

    function test_plainCollection_listingRevivesWhenTokenReturns_documentedLimit() public {
        vm.prank(seller);
        market.list(address(plain), id, 1 ether, expiry);
        vm.prank(seller);
        plain.transferFrom(seller, other, id);
        (, , , bool live) = market.listingOf(address(plain), id);
        assertFalse(live);
        vm.prank(other);
        plain.transferFrom(other, seller, id);
        (, , , live) = market.listingOf(address(plain), id);
        assertTrue(live, "without ITokenVersion only expiry and ownership bound a listing");
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

    // ---------------------------------------------------------------- signed orders

    function test_fill_versionedCollection() public {
        Market.Order memory o = _order(address(tracks), 2 ether, 1);
        bytes memory sig = _sign(o);
        vm.expectEmit();
        emit Sale(address(tracks), id, buyer, seller, 2 ether, royaltyReceiver, 0.2 ether, 0);
        _fill(o, sig, buyer);
        assertEq(tracks.ownerOf(id), buyer);
        assertEq(market.creditsOf(seller), 1.8 ether);
        assertEq(market.creditsOf(royaltyReceiver), 0.2 ether);
        // The order was not used up through the nonce; the version moved on instead.
        assertFalse(market.nonceUsed(seller, 1));
        vm.prank(buyer);
        tracks.transferFrom(buyer, seller, id);
        vm.expectRevert(abi.encodeWithSelector(Market.OrderStale.selector, address(tracks), id));
        _fill(o, sig, other);
    }

    function test_fill_plainCollectionUsesNonce() public {
        Market.Order memory o = _order(address(plain), 1 ether, 300);
        bytes memory sig = _sign(o);
        _fill(o, sig, buyer);
        assertEq(plain.ownerOf(id), buyer);
        assertTrue(market.nonceUsed(seller, 300));
        vm.prank(buyer);
        plain.transferFrom(buyer, seller, id);
        vm.expectRevert(abi.encodeWithSelector(Market.OrderNonceUsed.selector, seller, 300));
        _fill(o, sig, other);
    }

    function test_fill_chargesAtMostSignedFee() public {
        vm.prank(owner);
        market.setFee(other, 1000);
        Market.Order memory o = _order(address(tracks), 10 ether, 1);
        o.maxFeeBps = 100;
        _fill(o, _sign(o), buyer);
        assertEq(market.creditsOf(other), 0.1 ether);
        assertEq(market.creditsOf(seller), 8.9 ether);
    }

    function test_fill_reverts() public {
        Market.Order memory o = _order(address(tracks), 1 ether, 5);
        bytes memory sig = _sign(o);
        vm.expectRevert(abi.encodeWithSelector(Market.WrongPayment.selector, 2 ether, 1 ether));
        vm.prank(buyer);
        market.fill{value: 2 ether}(o, sig);
        // A zero price is never a sale (as for listings).
        Market.Order memory free = _order(address(tracks), 0, 5);
        bytes memory freeSig = _sign(free);
        vm.expectRevert(abi.encodeWithSelector(Market.InvalidPrice.selector, 0));
        _fill(free, freeSig, buyer);
        // Tampered order.
        Market.Order memory cheaper = _order(address(tracks), 0.5 ether, 5);
        vm.expectRevert(Market.InvalidSignature.selector);
        _fill(cheaper, sig, buyer);
        // Signed by someone else.
        bytes memory forged = signDigest(0xBAD, market.orderDigest(o));
        vm.expectRevert(Market.InvalidSignature.selector);
        _fill(o, forged, buyer);
        // Seller no longer owns the token (plain collection: ownership is the check).
        Market.Order memory p = _order(address(plain), 1 ether, 6);
        bytes memory psig = _sign(p);
        vm.prank(seller);
        plain.transferFrom(seller, other, id);
        vm.expectRevert(abi.encodeWithSelector(Market.OrderStale.selector, address(plain), id));
        _fill(p, psig, buyer);
        // Too far in the future.
        Market.Order memory far = _order(address(tracks), 1 ether, 7);
        far.expiry = uint64(block.timestamp + 365 days + 1);
        bytes memory farSig = _sign(far);
        vm.expectRevert(abi.encodeWithSelector(Market.InvalidExpiry.selector, far.expiry));
        _fill(far, farSig, buyer);
        // Expired.
        vm.warp(expiry + 1);
        vm.expectRevert(abi.encodeWithSelector(Market.OrderExpired.selector, expiry));
        _fill(o, sig, buyer);
    }

    function test_fill_versionedOrderByNonOwnerReverts() public {
        // `other` signs an order for the seller's token at its current version: the transfer from `other` fails.
        uint256 otherKey = 0x07;
        Market.Order memory o = _order(address(tracks), 1 ether, 1);
        o.seller = vm.addr(otherKey);
        bytes memory sig = signDigest(otherKey, market.orderDigest(o));
        vm.expectRevert();
        _fill(o, sig, buyer);
        assertEq(tracks.ownerOf(id), seller);
        assertEq(address(market).balance, 0);
    }

    function test_fill_revertsWhenVersionDoesNotMove() public {
        // A collection that claims ITokenVersion but never bumps it: the order could not be used up, so no sale.
        FrozenVersionCollection frozen = new FrozenVersionCollection();
        frozen.mint(seller, id, royaltyReceiver, 0);
        vm.prank(seller);
        frozen.setApprovalForAll(address(market), true);
        Market.Order memory o = Market.Order(seller, address(frozen), id, 1 ether, 0, 7, expiry, 1);
        bytes memory sig = _sign(o);
        vm.expectRevert(abi.encodeWithSelector(Market.TokenVersionNotChanged.selector, address(frozen), id));
        _fill(o, sig, buyer);
        assertEq(frozen.ownerOf(id), seller);
    }

    function test_fill_zeroAcceptedFeePaysNoFee() public {
        vm.prank(owner);
        market.setFee(other, 1000);
        Market.Order memory o = _order(address(tracks), 1 ether, 1);
        o.maxFeeBps = 0;
        _fill(o, _sign(o), buyer);
        assertEq(market.creditsOf(other), 0);
        assertEq(market.creditsOf(seller), 0.9 ether);
    }

    function test_cancelOrderNonce() public {
        Market.Order memory o = _order(address(tracks), 1 ether, 77);
        bytes memory sig = _sign(o);
        vm.expectEmit();
        emit OrderNonceCancelled(seller, 77);
        vm.prank(seller);
        market.cancelOrderNonce(77);
        assertTrue(market.nonceUsed(seller, 77));
        assertFalse(market.nonceUsed(seller, 78));
        assertFalse(market.nonceUsed(buyer, 77));
        vm.expectRevert(abi.encodeWithSelector(Market.OrderNonceUsed.selector, seller, 77));
        _fill(o, sig, buyer);
        vm.expectRevert(abi.encodeWithSelector(Market.OrderNonceUsed.selector, seller, 77));
        vm.prank(seller);
        market.cancelOrderNonce(77);
    }

    function test_fill_erc1271Seller() public {
        MockERC1271Wallet wallet = new MockERC1271Wallet(seller);
        uint256 wid = 9;
        tracks.mint(address(wallet), wid, royaltyReceiver, 500);
        vm.prank(seller);
        wallet.approve(tracks, address(market));
        Market.Order memory o = Market.Order(address(wallet), address(tracks), wid, 1 ether, 0, 0, expiry, 1);
        _fill(o, _sign(o), buyer);
        assertEq(tracks.ownerOf(wid), buyer);
        assertEq(market.creditsOf(address(wallet)), 0.95 ether);
        market.withdraw(payable(address(wallet)));
        assertEq(address(wallet).balance, 0.95 ether);
        // A signature the wallet does not accept.
        uint256 wid2 = 10;
        tracks.mint(address(wallet), wid2, royaltyReceiver, 500);
        Market.Order memory o2 = Market.Order(address(wallet), address(tracks), wid2, 1 ether, 0, 0, expiry, 2);
        bytes memory bad = signDigest(0xBAD, market.orderDigest(o2));
        vm.expectRevert(Market.InvalidSignature.selector);
        _fill(o2, bad, buyer);
    }

    function test_orderDigest_isEip712() public view {
        Market.Order memory o = _order(address(tracks), 1 ether, 1);
        bytes32 typeHash = keccak256(
            "Order(address seller,address collection,uint256 tokenId,uint256 price,uint16 maxFeeBps,uint256 tokenVersion,uint64 expiry,uint256 nonce)"
        );
        assertEq(market.ORDER_TYPEHASH(), typeHash);
        bytes32 domain = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("Motif Market"),
                keccak256("2"),
                block.chainid,
                address(market)
            )
        );
        assertEq(market.DOMAIN_SEPARATOR(), domain);
        bytes32 structHash = keccak256(
            abi.encode(typeHash, o.seller, o.collection, o.tokenId, o.price, o.maxFeeBps, o.tokenVersion, o.expiry, o.nonce)
        );
        assertEq(market.orderDigest(o), keccak256(abi.encodePacked("\x19\x01", domain, structHash)));
    }

    // ---------------------------------------------------------------- offers

    function test_offer_makeCancelWithdraw() public {
        vm.prank(buyer);
        market.makeOffer{value: 1 ether}(address(tracks), id, uint64(block.timestamp + 1 days));
        (uint256 amount, uint64 e) = market.offerOf(address(tracks), id, buyer);
        assertEq(amount, 1 ether);
        assertEq(e, block.timestamp + 1 days);
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
        market.acceptOffer(address(tracks), id, buyer, 1 ether, 0);
        assertEq(tracks.ownerOf(id), buyer);
        assertEq(market.creditsOf(seller), 0.9 ether);
        assertEq(market.creditsOf(royaltyReceiver), 0.1 ether);
        (address s, , , ) = market.listingOf(address(tracks), id);
        assertEq(s, address(0));
        (uint256 amount, ) = market.offerOf(address(tracks), id, buyer);
        assertEq(amount, 0);
        assertEq(address(market).balance, 1 ether);
    }

    function test_acceptOffer_chargesAtMostAcceptedFee() public {
        vm.prank(owner);
        market.setFee(other, 1000);
        vm.prank(buyer);
        market.makeOffer{value: 1 ether}(address(tracks), id, uint64(block.timestamp + 1 days));
        vm.prank(seller);
        market.acceptOffer(address(tracks), id, buyer, 1 ether, 200);
        assertEq(market.creditsOf(other), 0.02 ether);
        assertEq(market.creditsOf(seller), 0.88 ether);
    }

    function test_acceptOffer_reverts() public {
        uint64 e = uint64(block.timestamp + 1 days);
        vm.prank(buyer);
        market.makeOffer{value: 1 ether}(address(tracks), id, e);
        vm.expectRevert(abi.encodeWithSelector(Market.NotTokenOwner.selector, other));
        vm.prank(other);
        market.acceptOffer(address(tracks), id, buyer, 1 ether, 0);
        vm.expectRevert(abi.encodeWithSelector(Market.NoOffer.selector, other));
        vm.prank(seller);
        market.acceptOffer(address(tracks), id, other, 1 ether, 0);
        vm.expectRevert(abi.encodeWithSelector(Market.OfferAmountMismatch.selector, 1 ether, 2 ether));
        vm.prank(seller);
        market.acceptOffer(address(tracks), id, buyer, 2 ether, 0);
        vm.warp(e + 1);
        vm.expectRevert(abi.encodeWithSelector(Market.OfferExpired.selector, e));
        vm.prank(seller);
        market.acceptOffer(address(tracks), id, buyer, 1 ether, 0);
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

    function test_withdrawTo() public {
        _list(1 ether);
        vm.prank(buyer);
        market.buy{value: 1 ether}(address(tracks), id);
        vm.expectRevert(Market.InvalidRecipient.selector);
        vm.prank(seller);
        market.withdrawTo(payable(address(0)));
        vm.expectEmit();
        emit Withdrawal(seller, 0.9 ether);
        vm.prank(seller);
        market.withdrawTo(payable(other));
        assertEq(other.balance, 100 ether + 0.9 ether);
        assertEq(market.creditsOf(seller), 0);
        vm.expectRevert(abi.encodeWithSelector(Market.NothingToWithdraw.selector, seller));
        vm.prank(seller);
        market.withdrawTo(payable(other));
    }

    function test_withdraw_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(Market.NothingToWithdraw.selector, buyer));
        market.withdraw(payable(buyer));
        // A recipient that rejects ETH only blocks its own withdrawal, and keeps its credit.
        address rejecting = address(tracks); // the collection has no receive()
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

    /// forge-config: default.fuzz.runs = 10000
    function testFuzz_sale_conservesFunds(uint96 price, uint16 feeBps, uint16 maxFeeBps, bool viaOrder) public {
        price = uint96(bound(price, 1, type(uint96).max));
        feeBps = uint16(bound(feeBps, 0, 1000));
        maxFeeBps = uint16(bound(maxFeeBps, 0, 1000));
        if (feeBps != 0) {
            vm.prank(owner);
            market.setFee(other, feeBps);
        }
        vm.deal(buyer, price);
        if (viaOrder) {
            Market.Order memory o = _order(address(tracks), price, 1);
            o.maxFeeBps = maxFeeBps;
            _fill(o, _sign(o), buyer);
        } else {
            _list(price);
            vm.prank(buyer);
            market.buy{value: price}(address(tracks), id);
            maxFeeBps = feeBps;
        }
        uint256 feeCharged = market.creditsOf(other);
        uint256 credited = market.creditsOf(seller) + market.creditsOf(royaltyReceiver) + feeCharged;
        assertEq(credited, price, "every wei paid is credited");
        assertEq(address(market).balance, price);
        uint256 cap = feeBps < maxFeeBps ? feeBps : maxFeeBps;
        assertEq(feeCharged, (uint256(price) * cap) / 10_000, "fee at most the accepted one");
    }
}

/// @notice The market with Motif's real TrackCollection (v2, which implements ITokenVersion).
contract MarketWithTrackCollectionTest is Test {
    Market internal market;
    TrackCollection internal tracks;
    uint256 internal sellerKey = 0x5E11;
    address internal seller;
    address internal buyer = address(0xB0B);
    address internal royaltyReceiver = address(0x5EC);
    uint256 internal id;

    function setUp() public {
        seller = vm.addr(sellerKey);
        market = new Market(address(this));
        tracks = new TrackCollection("Motif Tracks", "MOTIF");
        vm.startPrank(seller);
        id = tracks.mint(seller, keccak256("track"), keccak256("manifest"), royaltyReceiver, 1000, 0);
        tracks.setApprovalForAll(address(market), true);
        vm.stopPrank();
        vm.deal(buyer, 10 ether);
    }

    function test_orderDiesWhenTrackMovesAndReturns() public {
        Market.Order memory o = Market.Order(
            seller, address(tracks), id, 1 ether, 0, tracks.tokenVersion(id), uint64(block.timestamp + 1 days), 1
        );
        bytes memory sig = signDigest(sellerKey, market.orderDigest(o));
        vm.prank(seller);
        market.list(address(tracks), id, 2 ether, uint64(block.timestamp + 1 days));
        vm.prank(seller);
        tracks.transferFrom(seller, buyer, id);
        vm.prank(buyer);
        tracks.transferFrom(buyer, seller, id);
        (, , , bool live) = market.listingOf(address(tracks), id);
        assertFalse(live, "listing died with the move");
        vm.expectRevert(abi.encodeWithSelector(Market.OrderStale.selector, address(tracks), id));
        vm.prank(buyer);
        market.fill{value: 1 ether}(o, sig);
        // A fresh order at the new version sells, with the royalty credited on-chain.
        o.tokenVersion = tracks.tokenVersion(id);
        o.nonce = 2;
        sig = signDigest(sellerKey, market.orderDigest(o));
        vm.prank(buyer);
        market.fill{value: 1 ether}(o, sig);
        assertEq(tracks.ownerOf(id), buyer);
        assertEq(market.creditsOf(royaltyReceiver), 0.1 ether);
        assertEq(market.creditsOf(seller), 0.9 ether);
    }
}
