// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC2981} from "@openzeppelin/contracts/interfaces/IERC2981.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/**
 * @title MarketV1
 * @notice TEST ONLY, never deployed: the v1 market exactly as shipped before the v2 audit fixes, kept so the attack
 * tests in MarketAttacks.t.sol can be seen to succeed against it (stale listing revival, approve/list race, fee
 * sandwich, lying ERC-721).
 * @notice Fixed-price listings and escrowed offers in ETH for any ERC-721. Every sale pays the token's ERC-2981
 * royalty to its receiver, an optional platform fee (capped at {MAX_FEE_BPS}, zero by default) to the fee
 * recipient, and the rest to the seller, all as credits pulled with {withdraw}.
 * @dev Listings are not escrowed: the seller keeps the token and approves this contract. A listing stores the
 * owner at listing time and is only buyable while that address still owns the token, so a listing dies when the
 * token moves (it revives only if the same owner gets the token back). Offers escrow their ETH. All state changes
 * happen before the token transfer (checks-effects-interactions), and every entry point that moves value is
 * `nonReentrant`.
 */
contract MarketV1 is Ownable, ReentrancyGuardTransient {
    /// @notice Highest platform fee, in basis points (10%).
    uint16 public constant MAX_FEE_BPS = 1000;
    uint256 private constant _BPS = 10_000;

    /// @dev One slot.
    struct Listing {
        address seller;
        uint96 price;
    }

    /// @dev One slot.
    struct Offer {
        uint128 amount;
        uint64 expiry;
    }

    mapping(address collection => mapping(uint256 tokenId => Listing)) private _listings;
    mapping(address collection => mapping(uint256 tokenId => mapping(address buyer => Offer))) private _offers;
    mapping(address account => uint256) private _credits;
    address private _feeRecipient;
    uint16 private _feeBps;

    event Listed(address indexed collection, uint256 indexed tokenId, address indexed seller, uint256 price);
    event ListingUpdated(address indexed collection, uint256 indexed tokenId, uint256 price);
    event ListingCancelled(address indexed collection, uint256 indexed tokenId);
    event OfferMade(address indexed collection, uint256 indexed tokenId, address indexed buyer, uint256 amount, uint64 expiry);
    event OfferCancelled(address indexed collection, uint256 indexed tokenId, address indexed buyer, uint256 amount);
    /// @notice A token sold (by listing or accepted offer); amounts credited to each party.
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
    event FeeSet(address indexed recipient, uint16 bps);
    event Withdrawal(address indexed account, uint256 amount);

    error NotTokenOwner(address caller);
    error MarketNotApproved(address collection, uint256 tokenId);
    error InvalidPrice(uint256 price);
    error NotListed(address collection, uint256 tokenId);
    error ListingStale(address collection, uint256 tokenId);
    error WrongPayment(uint256 sent, uint256 price);
    error OfferExists(address buyer);
    error NoOffer(address buyer);
    error OfferExpired(uint64 expiry);
    error InvalidExpiry(uint64 expiry);
    error OfferAmountMismatch(uint256 offered, uint256 expected);
    error FeeTooHigh(uint16 bps, uint16 max);
    error FeeRecipientZero();
    error NothingToWithdraw(address account);
    error TransferFailed(address to, uint256 amount);

    constructor(address initialOwner) Ownable(initialOwner) {}

    // ------------------------------------------------------------------ listings

    /// @notice Lists `tokenId` of `collection` at `price` wei. The caller must own it and have approved this market.
    function list(address collection, uint256 tokenId, uint256 price) external {
        address owner = IERC721(collection).ownerOf(tokenId);
        if (owner != msg.sender) revert NotTokenOwner(msg.sender);
        if (
            IERC721(collection).getApproved(tokenId) != address(this) &&
            !IERC721(collection).isApprovedForAll(owner, address(this))
        ) revert MarketNotApproved(collection, tokenId);
        if (price == 0 || price > type(uint96).max) revert InvalidPrice(price);
        _listings[collection][tokenId] = Listing(msg.sender, uint96(price));
        emit Listed(collection, tokenId, msg.sender, price);
    }

    /// @notice Changes the price of the caller's live listing.
    function updateListing(address collection, uint256 tokenId, uint256 price) external {
        Listing storage listing = _liveListing(collection, tokenId);
        if (listing.seller != msg.sender) revert NotTokenOwner(msg.sender);
        if (price == 0 || price > type(uint96).max) revert InvalidPrice(price);
        listing.price = uint96(price);
        emit ListingUpdated(collection, tokenId, price);
    }

    /// @notice Removes a listing; by its seller, or by anyone once it is stale (the token moved).
    function cancelListing(address collection, uint256 tokenId) external {
        Listing memory listing = _listings[collection][tokenId];
        if (listing.seller == address(0)) revert NotListed(collection, tokenId);
        if (listing.seller != msg.sender && _isLive(collection, tokenId, listing.seller)) revert NotTokenOwner(msg.sender);
        delete _listings[collection][tokenId];
        emit ListingCancelled(collection, tokenId);
    }

    /// @notice Buys a listed token for exactly its price; the token goes to the caller.
    function buy(address collection, uint256 tokenId) external payable nonReentrant {
        Listing memory listing = _liveListing(collection, tokenId);
        if (msg.value != listing.price) revert WrongPayment(msg.value, listing.price);
        delete _listings[collection][tokenId];
        _settle(collection, tokenId, listing.seller, msg.sender, msg.value);
        IERC721(collection).safeTransferFrom(listing.seller, msg.sender, tokenId);
    }

    // ------------------------------------------------------------------ offers

    /// @notice Offers `msg.value` wei for a token, escrowed here until `expiry` (a timestamp in the future).
    function makeOffer(address collection, uint256 tokenId, uint64 expiry) external payable nonReentrant {
        if (msg.value == 0 || msg.value > type(uint128).max) revert InvalidPrice(msg.value);
        if (expiry <= block.timestamp) revert InvalidExpiry(expiry);
        Offer storage offer = _offers[collection][tokenId][msg.sender];
        if (offer.amount != 0) revert OfferExists(msg.sender);
        offer.amount = uint128(msg.value);
        offer.expiry = expiry;
        emit OfferMade(collection, tokenId, msg.sender, msg.value, expiry);
    }

    /// @notice Withdraws the caller's offer; its ETH is credited back (pull with {withdraw}).
    function cancelOffer(address collection, uint256 tokenId) external nonReentrant {
        uint256 amount = _offers[collection][tokenId][msg.sender].amount;
        if (amount == 0) revert NoOffer(msg.sender);
        delete _offers[collection][tokenId][msg.sender];
        _credits[msg.sender] += amount;
        emit OfferCancelled(collection, tokenId, msg.sender, amount);
    }

    /**
     * @notice The token's owner accepts `buyer`'s offer of exactly `amount` wei (guards against a changed offer);
     * the token goes to `buyer` and any listing of it ends.
     */
    function acceptOffer(address collection, uint256 tokenId, address buyer, uint256 amount) external nonReentrant {
        address owner = IERC721(collection).ownerOf(tokenId);
        if (owner != msg.sender) revert NotTokenOwner(msg.sender);
        Offer memory offer = _offers[collection][tokenId][buyer];
        if (offer.amount == 0) revert NoOffer(buyer);
        if (offer.expiry < block.timestamp) revert OfferExpired(offer.expiry);
        if (offer.amount != amount) revert OfferAmountMismatch(offer.amount, amount);
        delete _offers[collection][tokenId][buyer];
        if (_listings[collection][tokenId].seller != address(0)) {
            delete _listings[collection][tokenId];
            emit ListingCancelled(collection, tokenId);
        }
        _settle(collection, tokenId, owner, buyer, amount);
        IERC721(collection).safeTransferFrom(owner, buyer, tokenId);
    }

    // ------------------------------------------------------------------ payments

    /// @notice Sends all of `account`'s credits to it. Anyone may call; funds only go to `account`.
    function withdraw(address payable account) external nonReentrant {
        uint256 amount = _credits[account];
        if (amount == 0) revert NothingToWithdraw(account);
        _credits[account] = 0;
        emit Withdrawal(account, amount);
        (bool ok, ) = account.call{value: amount}("");
        if (!ok) revert TransferFailed(account, amount);
    }

    /// @notice Sets the platform fee (owner only), at most {MAX_FEE_BPS}.
    function setFee(address recipient, uint16 bps) external onlyOwner {
        if (bps > MAX_FEE_BPS) revert FeeTooHigh(bps, MAX_FEE_BPS);
        if (bps != 0 && recipient == address(0)) revert FeeRecipientZero();
        _feeRecipient = recipient;
        _feeBps = bps;
        emit FeeSet(recipient, bps);
    }

    // ------------------------------------------------------------------ views

    function listingOf(address collection, uint256 tokenId) external view returns (address seller, uint256 price, bool live) {
        Listing memory listing = _listings[collection][tokenId];
        return (listing.seller, listing.price, listing.seller != address(0) && _isLive(collection, tokenId, listing.seller));
    }

    function offerOf(address collection, uint256 tokenId, address buyer) external view returns (uint256 amount, uint64 expiry) {
        Offer memory offer = _offers[collection][tokenId][buyer];
        return (offer.amount, offer.expiry);
    }

    function creditsOf(address account) external view returns (uint256) {
        return _credits[account];
    }

    function fee() external view returns (address recipient, uint16 bps) {
        return (_feeRecipient, _feeBps);
    }

    // ------------------------------------------------------------------ internals

    /// @dev Credits royalty, fee and seller proceeds for a sale of `price` wei.
    function _settle(address collection, uint256 tokenId, address seller, address buyer, uint256 price) private {
        uint256 feeAmount = _feeBps == 0 ? 0 : Math.mulDiv(price, _feeBps, _BPS);
        (address receiver, uint256 royalty) = _royalty(collection, tokenId, price);
        // A royalty can never take more than what is left after the fee.
        royalty = Math.min(royalty, price - feeAmount);
        if (feeAmount != 0) _credits[_feeRecipient] += feeAmount;
        if (royalty != 0) _credits[receiver] += royalty;
        _credits[seller] += price - feeAmount - royalty;
        emit Sale(collection, tokenId, buyer, seller, price, receiver, royalty, feeAmount);
    }

    /// @dev ERC-2981 royalty, or none if the collection does not answer sensibly.
    function _royalty(address collection, uint256 tokenId, uint256 price) private view returns (address, uint256) {
        try IERC2981(collection).royaltyInfo(tokenId, price) returns (address receiver, uint256 amount) {
            if (receiver == address(0)) return (address(0), 0);
            return (receiver, amount);
        } catch {
            return (address(0), 0);
        }
    }

    function _liveListing(address collection, uint256 tokenId) private view returns (Listing storage listing) {
        listing = _listings[collection][tokenId];
        address seller = listing.seller;
        if (seller == address(0)) revert NotListed(collection, tokenId);
        if (!_isLive(collection, tokenId, seller)) revert ListingStale(collection, tokenId);
    }

    function _isLive(address collection, uint256 tokenId, address seller) private view returns (bool) {
        try IERC721(collection).ownerOf(tokenId) returns (address owner) {
            return owner == seller;
        } catch {
            return false;
        }
    }
}
