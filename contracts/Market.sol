// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC2981} from "@openzeppelin/contracts/interfaces/IERC2981.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {ERC165Checker} from "@openzeppelin/contracts/utils/introspection/ERC165Checker.sol";
import {ITokenVersion} from "./interfaces/ITokenVersion.sol";

/**
 * @title Market (v2)
 * @notice Fixed-price sales and escrowed offers for any ERC-721, in the chain's native currency or in an ERC-20 the
 * owner allowed (a stablecoin: {setCurrencyAllowed}). A token is sold either through an on-chain
 * listing ({list} + {buy}) or through an EIP-712 order the seller signed off-chain ({fill}); both pay the token's
 * ERC-2981 royalty to its receiver, an optional platform fee to the fee recipient and the rest to the seller, all
 * as credits pulled with {withdraw} / {withdrawTo}.
 * @dev Freshness. A listing or order for a collection that advertises {ITokenVersion} through ERC-165 records the
 * token's version and is only fillable while that version is unchanged, so it dies for good as soon as the token
 * moves, even if the token comes back to the seller. For other collections the market can only check expiry, that
 * the seller still owns the token and (orders) the seller's nonce bitmap: such a listing or unfilled order revives
 * if the token returns to the seller before it expires (documented limit). Expiry is mandatory and at most
 * {MAX_DURATION} ahead.
 *
 * Fees. A listing records the platform fee in effect when it was made, an order carries the `maxFeeBps` its seller
 * signed and {acceptOffer} takes the seller's `maxFeeBps`: a sale is charged `min(current fee, accepted fee)`, so
 * an owner raising the fee just before a sale cannot take more than the seller agreed to.
 *
 * Trust. The market never escrows tokens; after every transfer it checks that the buyer really owns the token.
 * All state changes happen before the token transfer, every value-moving entry point is `nonReentrant` and every
 * payment is a credit pulled later.
 *
 * Currencies (issue #20). Native sales keep their functions ({list}, {buy}, {fill}, {makeOffer}, {acceptOffer},
 * {withdraw}); a sale in an ERC-20 goes through the `...InCurrency` functions, which take the currency (and, for a
 * buyer, the price) explicitly, are not payable, and never accept one currency where the other was meant: {buy} of a
 * listing priced in a currency reverts {WrongCurrency}, {buyInCurrency} names the currency and exact price it pays,
 * a {CurrencyOrder} is a distinct EIP-712 type (a native {Order} signature never fills one, nor the reverse), and an
 * offer in a currency is a separate escrow that only {acceptOfferInCurrency} with that currency and amount accepts.
 * Only currencies on the owner's allowlist can be listed, bought, offered or accepted in; credits and escrowed offers
 * in a currency the owner later removes can still be withdrawn and cancelled (the owner can never freeze funds). A
 * payment in is measured (balance after - before) and must equal the price: fee-on-transfer and other tokens that
 * deliver less are refused ({CurrencyAmountMismatch}). Rebasing tokens cannot be detected and must not be allowed.
 * Royalty and platform fee of a sale in a currency are credited in that currency, per (account, currency).
 */
contract Market is Ownable, ReentrancyGuardTransient, EIP712 {
    /// @notice Highest platform fee, in basis points (10%).
    uint16 public constant MAX_FEE_BPS = 1000;
    /// @notice Latest allowed expiry of a listing or order, counted from the time it is listed or filled.
    uint64 public constant MAX_DURATION = 365 days;
    /// @notice EIP-712 type of a signed sell order.
    bytes32 public constant ORDER_TYPEHASH =
        keccak256(
            "Order(address seller,address collection,uint256 tokenId,uint256 price,uint16 maxFeeBps,uint256 tokenVersion,uint64 expiry,uint256 nonce)"
        );
    /// @notice EIP-712 type of a signed sell order priced in an ERC-20 `currency` (never the native currency).
    bytes32 public constant CURRENCY_ORDER_TYPEHASH =
        keccak256(
            "CurrencyOrder(address seller,address collection,uint256 tokenId,address currency,uint256 price,uint16 maxFeeBps,uint256 tokenVersion,uint64 expiry,uint256 nonce)"
        );
    uint256 private constant _BPS = 10_000;

    /**
     * @notice A sell order signed off-chain by `seller` (an EOA or an ERC-1271 contract).
     * @param seller Owner of the token, who signed the order and is credited the proceeds.
     * @param collection The ERC-721 contract.
     * @param tokenId The token sold.
     * @param price Exact price in wei the buyer pays.
     * @param maxFeeBps Highest platform fee the seller accepts; the sale is charged `min(current fee, maxFeeBps)`.
     * @param tokenVersion `tokenVersion(tokenId)` when signed, for collections implementing {ITokenVersion}
     * (ignored for other collections).
     * @param expiry Last timestamp at which the order can be filled.
     * @param nonce Cancellation handle in the seller's nonce bitmap; for collections without {ITokenVersion} a
     * filled order also uses it up.
     * @dev Field order is the EIP-712 type's; the struct only lives in calldata, so storage packing does not apply.
     */
    // solhint-disable-next-line gas-struct-packing
    struct Order {
        address seller;
        address collection;
        uint256 tokenId;
        uint256 price;
        uint16 maxFeeBps;
        uint256 tokenVersion;
        uint64 expiry;
        uint256 nonce;
    }

    /**
     * @notice A sell order priced in the ERC-20 `currency` (on the allowlist), filled with {fillInCurrency}. The
     * fields are an {Order}'s plus `currency`; the seller's nonce bitmap is shared with {Order}s.
     */
    // solhint-disable-next-line gas-struct-packing
    struct CurrencyOrder {
        address seller;
        address collection;
        uint256 tokenId;
        address currency;
        uint256 price;
        uint16 maxFeeBps;
        uint256 tokenVersion;
        uint64 expiry;
        uint256 nonce;
    }

    /**
     * @dev Two slots. `tokenVersion` keeps the low 160 bits of the token's version: two versions of one token only
     * compare equal here if they differ by a multiple of 2^160, which no counter reaches and a hash-like version hits
     * with probability 2^-160; it saves a third slot (22,100 gas per {list}). `inCurrency`: the price is in the
     * ERC-20 recorded in `_listingCurrency` (a separate slot, written and read only for such listings).
     */
    struct Listing {
        address seller;
        uint96 price;
        uint64 expiry;
        uint16 maxFeeBps;
        bool versioned;
        bool inCurrency;
        uint160 tokenVersion;
    }

    /// @dev One slot.
    struct Offer {
        uint128 amount;
        uint64 expiry;
    }

    mapping(address collection => mapping(uint256 tokenId => Listing)) private _listings;
    mapping(address collection => mapping(uint256 tokenId => mapping(address buyer => Offer))) private _offers;
    /// @dev 1 + the credit, once an account has been credited: the slot never returns to zero, so a later credit
    /// costs a warm-slot write (5,000 gas) instead of a fresh one (22,100), without keeping anyone's wei.
    mapping(address account => uint256) private _credits;
    mapping(address seller => mapping(uint256 word => uint256 bits)) private _nonceBits;
    address private _feeRecipient;
    uint16 private _feeBps;
    mapping(address currency => bool) private _currencyAllowed;
    /// @dev The currency of a listing whose `inCurrency` is set (stale for other listings: never read then).
    mapping(address collection => mapping(uint256 tokenId => address)) private _listingCurrency;
    mapping(address collection => mapping(uint256 tokenId => mapping(address buyer => mapping(address currency => Offer))))
        private _currencyOffers;
    /// @dev 1 + the credit in `currency`, with the same never-back-to-zero marker as `_credits`.
    mapping(address account => mapping(address currency => uint256)) private _currencyCredits;

    /// @notice A token was listed (v2: gained `expiry`).
    event Listed(address indexed collection, uint256 indexed tokenId, address indexed seller, uint256 price, uint64 expiry);
    event ListingUpdated(address indexed collection, uint256 indexed tokenId, uint256 price);
    event ListingCancelled(address indexed collection, uint256 indexed tokenId);
    event OfferMade(address indexed collection, uint256 indexed tokenId, address indexed buyer, uint256 amount, uint64 expiry);
    event OfferCancelled(address indexed collection, uint256 indexed tokenId, address indexed buyer, uint256 amount);
    /// @notice A token sold (by listing, signed order or accepted offer); amounts credited to each party.
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
    /// @notice `seller` cancelled every order signed with `nonce`.
    event OrderNonceCancelled(address indexed seller, uint256 nonce);
    event FeeSet(address indexed recipient, uint16 bps);
    event Withdrawal(address indexed account, uint256 amount);
    /// @notice The owner allowed (or stopped allowing) new sales and offers in the ERC-20 `currency`.
    event CurrencyAllowed(address indexed currency, bool allowed);
    /// @notice A token was listed at `price` units of the ERC-20 `currency` ({Listed} is for native prices only).
    event ListedInCurrency(
        address indexed collection,
        uint256 indexed tokenId,
        address indexed seller,
        address currency,
        uint256 price,
        uint64 expiry
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
    /// @notice A token sold for `price` units of `currency`; royalty and fee were credited in it ({Sale}: native).
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
    event WithdrawalInCurrency(address indexed account, address indexed currency, address to, uint256 amount);

    error NotTokenOwner(address caller);
    error MarketNotApproved(address collection, uint256 tokenId);
    error InvalidPrice(uint256 price);
    error NotListed(address collection, uint256 tokenId);
    error ListingStale(address collection, uint256 tokenId);
    error ListingExpired(uint64 expiry);
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
    error InvalidRecipient();
    error InvalidSignature();
    error OrderExpired(uint64 expiry);
    error OrderNonceUsed(address seller, uint256 nonce);
    error OrderStale(address collection, uint256 tokenId);
    error TokenNotReceived(address collection, uint256 tokenId);
    error TokenVersionNotChanged(address collection, uint256 tokenId);
    /// @notice `currency` is not on the owner's allowlist (or is the zero address where an ERC-20 is needed).
    error CurrencyNotAllowed(address currency);
    /// @notice The sale is priced in `expected` (address(0): native) but was paid or asked in `given`.
    error WrongCurrency(address given, address expected);
    /// @notice The buyer's price does not match the listing's (guards against a price raised before the buy).
    error PriceMismatch(uint256 given, uint256 price);
    /// @notice The market received `received` units of `currency` for a payment of `expected` (fee-on-transfer).
    error CurrencyAmountMismatch(address currency, uint256 expected, uint256 received);
    /// @notice An allowlisted currency must be a contract.
    error InvalidCurrency(address currency);

    using SafeERC20 for IERC20;

    constructor(address initialOwner) Ownable(initialOwner) EIP712("Motif Market", "2") {}

    // ------------------------------------------------------------------ listings

    /**
     * @notice Lists `tokenId` of `collection` at `price` wei until `expiry` (a timestamp after now and at most
     * {MAX_DURATION} ahead), replacing any earlier listing of the token. The caller must own it and have approved
     * this market. The listing records the current platform fee (the most it will be charged) and, for
     * {ITokenVersion} collections, the token's version.
     */
    function list(address collection, uint256 tokenId, uint256 price, uint64 expiry) external {
        _list(collection, tokenId, price, expiry, false);
        emit Listed(collection, tokenId, msg.sender, price, expiry);
    }

    /**
     * @notice Lists `tokenId` of `collection` at `price` units of the ERC-20 `currency` (on the allowlist), like
     * {list}; only {buyInCurrency} with this currency and price buys it.
     */
    function listInCurrency(address collection, uint256 tokenId, address currency, uint256 price, uint64 expiry) external {
        if (!_currencyAllowed[currency]) revert CurrencyNotAllowed(currency);
        _list(collection, tokenId, price, expiry, true);
        _listingCurrency[collection][tokenId] = currency;
        emit ListedInCurrency(collection, tokenId, msg.sender, currency, price, expiry);
    }

    /// @dev Checks and stores a listing of the caller's token (replacing any earlier one).
    function _list(address collection, uint256 tokenId, uint256 price, uint64 expiry, bool inCurrency) private {
        address owner = IERC721(collection).ownerOf(tokenId);
        if (owner != msg.sender) revert NotTokenOwner(msg.sender);
        // Operator approval first: it is what the app grants, and then the per-token approval is never read.
        if (
            !IERC721(collection).isApprovedForAll(owner, address(this)) &&
            IERC721(collection).getApproved(tokenId) != address(this)
        ) revert MarketNotApproved(collection, tokenId);
        if (price == 0 || price > type(uint96).max) revert InvalidPrice(price);
        _checkExpiry(expiry);
        bool versioned = _isVersioned(collection);
        uint160 version = versioned ? uint160(ITokenVersion(collection).tokenVersion(tokenId)) : 0;
        _listings[collection][tokenId] = Listing(msg.sender, uint96(price), expiry, _feeBps, versioned, inCurrency, version);
    }

    /// @notice Changes the price of the caller's live listing (currency, expiry and accepted fee unchanged).
    function updateListing(address collection, uint256 tokenId, uint256 price) external {
        Listing storage listing = _listings[collection][tokenId];
        _requireLive(collection, tokenId, listing);
        if (listing.seller != msg.sender) revert NotTokenOwner(msg.sender);
        if (price == 0 || price > type(uint96).max) revert InvalidPrice(price);
        listing.price = uint96(price);
        emit ListingUpdated(collection, tokenId, price);
    }

    /// @notice Removes a listing; by its seller, or by anyone once it can no longer sell (moved or expired).
    function cancelListing(address collection, uint256 tokenId) external {
        Listing storage listing = _listings[collection][tokenId];
        address seller = listing.seller;
        if (seller == address(0)) revert NotListed(collection, tokenId);
        if (seller != msg.sender && _isLive(collection, tokenId, listing)) revert NotTokenOwner(msg.sender);
        delete _listings[collection][tokenId];
        emit ListingCancelled(collection, tokenId);
    }

    /// @notice Buys a live listed token for exactly its native price; the token goes to the caller.
    function buy(address collection, uint256 tokenId) external payable nonReentrant {
        Listing storage stored = _listings[collection][tokenId];
        _requireLive(collection, tokenId, stored);
        if (stored.inCurrency) revert WrongCurrency(address(0), _listingCurrency[collection][tokenId]);
        address seller = stored.seller;
        uint256 price = stored.price;
        uint16 maxFeeBps = stored.maxFeeBps;
        if (msg.value != price) revert WrongPayment(msg.value, price);
        delete _listings[collection][tokenId];
        _settle(collection, tokenId, seller, msg.sender, price, maxFeeBps);
        _transfer(collection, tokenId, seller);
    }

    /**
     * @notice Buys a live token listed in `currency` for exactly `price` units of it, pulled from the caller (who
     * must have approved this market for at least `price`); the token goes to the caller. Naming the currency and
     * price guards a buyer with a standing allowance against a listing repriced or relisted before the buy.
     */
    function buyInCurrency(address collection, uint256 tokenId, address currency, uint256 price) external nonReentrant {
        Listing storage stored = _listings[collection][tokenId];
        _requireLive(collection, tokenId, stored);
        address listed = stored.inCurrency ? _listingCurrency[collection][tokenId] : address(0);
        if (listed != currency) revert WrongCurrency(currency, listed);
        if (!_currencyAllowed[currency]) revert CurrencyNotAllowed(currency);
        if (stored.price != price) revert PriceMismatch(price, stored.price);
        address seller = stored.seller;
        uint16 maxFeeBps = stored.maxFeeBps;
        delete _listings[collection][tokenId];
        _settleInCurrency(collection, tokenId, seller, msg.sender, currency, price, maxFeeBps);
        _pull(currency, msg.sender, price);
        _transfer(collection, tokenId, seller);
    }

    // ------------------------------------------------------------------ signed orders

    /**
     * @notice Buys a token through an order its seller signed off-chain (EIP-712, domain "Motif Market" / "2"),
     * paying exactly `order.price`; the token goes to the caller. The order must be unexpired, its nonce
     * uncancelled, the seller must still own the token and, for {ITokenVersion} collections, the token must still be
     * at `order.tokenVersion` (so the order dies once the token moves); for other collections the fill uses the
     * nonce up. Listing through an order costs the seller nothing on-chain beyond the one-time approval.
     */
    function fill(Order calldata order, bytes calldata signature) external payable nonReentrant {
        address seller = order.seller;
        address collection = order.collection;
        uint256 tokenId = order.tokenId;
        if (order.expiry < block.timestamp) revert OrderExpired(order.expiry);
        if (order.expiry > block.timestamp + MAX_DURATION) revert InvalidExpiry(order.expiry);
        if (order.price == 0) revert InvalidPrice(0);
        if (msg.value != order.price) revert WrongPayment(msg.value, order.price);
        uint256 word = order.nonce >> 8;
        uint256 bit = 1 << (order.nonce & 0xff);
        uint256 bits = _nonceBits[seller][word];
        if (bits & bit != 0) revert OrderNonceUsed(seller, order.nonce);
        if (!_validSignature(seller, orderDigest(order), signature)) revert InvalidSignature();

        bool versioned = _isVersioned(collection);
        if (versioned) {
            // Unmoved since signed. Ownership needs no separate check: an ERC-721 `transferFrom(seller, ...)` reverts
            // unless `seller` owns the token, and the buyer's ownership is checked after the transfer.
            if (ITokenVersion(collection).tokenVersion(tokenId) != order.tokenVersion) revert OrderStale(collection, tokenId);
        } else {
            _nonceBits[seller][word] = bits | bit;
            if (IERC721(collection).ownerOf(tokenId) != seller) revert OrderStale(collection, tokenId);
        }

        _settle(collection, tokenId, seller, msg.sender, msg.value, order.maxFeeBps);
        _transfer(collection, tokenId, seller);
        // The order was not used up above: it must be dead now because the token's version moved on.
        if (versioned && ITokenVersion(collection).tokenVersion(tokenId) == order.tokenVersion) {
            revert TokenVersionNotChanged(collection, tokenId);
        }
    }

    /**
     * @notice Buys a token through a {CurrencyOrder} its seller signed, paying exactly `order.price` units of
     * `order.currency` (on the allowlist; pulled from the caller); otherwise exactly like {fill}.
     */
    function fillInCurrency(CurrencyOrder calldata order, bytes calldata signature) external nonReentrant {
        address currency = order.currency;
        if (!_currencyAllowed[currency]) revert CurrencyNotAllowed(currency);
        bool versioned = _checkCurrencyOrder(order, signature);
        address seller = order.seller;
        address collection = order.collection;
        uint256 tokenId = order.tokenId;
        _settleInCurrency(collection, tokenId, seller, msg.sender, currency, order.price, order.maxFeeBps);
        _pull(currency, msg.sender, order.price);
        _transfer(collection, tokenId, seller);
        // The order was not used up: it must be dead now because the token's version moved on.
        if (versioned && ITokenVersion(collection).tokenVersion(tokenId) == order.tokenVersion) {
            revert TokenVersionNotChanged(collection, tokenId);
        }
    }

    /// @notice Cancels every order the caller signed with `nonce`.
    function cancelOrderNonce(uint256 nonce) external {
        uint256 bit = 1 << (nonce & 0xff);
        uint256 bits = _nonceBits[msg.sender][nonce >> 8];
        if (bits & bit != 0) revert OrderNonceUsed(msg.sender, nonce);
        _nonceBits[msg.sender][nonce >> 8] = bits | bit;
        emit OrderNonceCancelled(msg.sender, nonce);
    }

    /// @notice EIP-712 digest the seller signs for `order`.
    function orderDigest(Order calldata order) public view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(ORDER_TYPEHASH, order)));
    }

    /// @notice EIP-712 digest the seller signs for a {CurrencyOrder}.
    function currencyOrderDigest(CurrencyOrder calldata order) public view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(CURRENCY_ORDER_TYPEHASH, order)));
    }

    /// @notice Whether `seller`'s `nonce` was cancelled (or used by a fill of an order for a collection without
    /// {ITokenVersion}).
    function nonceUsed(address seller, uint256 nonce) external view returns (bool) {
        return _nonceBits[seller][nonce >> 8] & (1 << (nonce & 0xff)) != 0;
    }

    /// @notice The EIP-712 domain separator of this market on the current chain.
    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparatorV4();
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
        _credit(msg.sender, amount);
        emit OfferCancelled(collection, tokenId, msg.sender, amount);
    }

    /**
     * @notice The token's owner accepts `buyer`'s offer of exactly `amount` wei (guards against a changed offer),
     * paying at most `maxFeeBps` of platform fee (guards against a raised fee); the token goes to `buyer` and any
     * listing of it ends.
     */
    function acceptOffer(
        address collection,
        uint256 tokenId,
        address buyer,
        uint256 amount,
        uint16 maxFeeBps
    ) external nonReentrant {
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
        _settle(collection, tokenId, owner, buyer, amount, maxFeeBps);
        IERC721(collection).safeTransferFrom(owner, buyer, tokenId);
        if (IERC721(collection).ownerOf(tokenId) != buyer) revert TokenNotReceived(collection, tokenId);
    }

    /**
     * @notice Offers `amount` units of the ERC-20 `currency` (on the allowlist) for a token, pulled from the caller
     * and escrowed here until `expiry`. One offer per (token, buyer, currency), apart from any native offer.
     */
    function makeOfferInCurrency(
        address collection,
        uint256 tokenId,
        address currency,
        uint256 amount,
        uint64 expiry
    ) external nonReentrant {
        if (!_currencyAllowed[currency]) revert CurrencyNotAllowed(currency);
        if (amount == 0 || amount > type(uint128).max) revert InvalidPrice(amount);
        if (expiry <= block.timestamp) revert InvalidExpiry(expiry);
        Offer storage offer = _currencyOffers[collection][tokenId][msg.sender][currency];
        if (offer.amount != 0) revert OfferExists(msg.sender);
        offer.amount = uint128(amount);
        offer.expiry = expiry;
        emit OfferMadeInCurrency(collection, tokenId, msg.sender, currency, amount, expiry);
        _pull(currency, msg.sender, amount);
    }

    /// @notice Withdraws the caller's offer in `currency` (allowed or not any more); it is credited back in that
    /// currency (pull with {withdrawCurrency}).
    function cancelOfferInCurrency(address collection, uint256 tokenId, address currency) external nonReentrant {
        uint256 amount = _currencyOffers[collection][tokenId][msg.sender][currency].amount;
        if (amount == 0) revert NoOffer(msg.sender);
        delete _currencyOffers[collection][tokenId][msg.sender][currency];
        _creditIn(msg.sender, currency, amount);
        emit OfferCancelledInCurrency(collection, tokenId, msg.sender, currency, amount);
    }

    /**
     * @notice The token's owner accepts `buyer`'s offer of exactly `amount` units of `currency` (still on the
     * allowlist), paying at most `maxFeeBps` of platform fee; like {acceptOffer}.
     */
    function acceptOfferInCurrency(
        address collection,
        uint256 tokenId,
        address buyer,
        address currency,
        uint256 amount,
        uint16 maxFeeBps
    ) external nonReentrant {
        address owner = IERC721(collection).ownerOf(tokenId);
        if (owner != msg.sender) revert NotTokenOwner(msg.sender);
        if (!_currencyAllowed[currency]) revert CurrencyNotAllowed(currency);
        Offer memory offer = _currencyOffers[collection][tokenId][buyer][currency];
        if (offer.amount == 0) revert NoOffer(buyer);
        if (offer.expiry < block.timestamp) revert OfferExpired(offer.expiry);
        if (offer.amount != amount) revert OfferAmountMismatch(offer.amount, amount);
        delete _currencyOffers[collection][tokenId][buyer][currency];
        if (_listings[collection][tokenId].seller != address(0)) {
            delete _listings[collection][tokenId];
            emit ListingCancelled(collection, tokenId);
        }
        _settleInCurrency(collection, tokenId, owner, buyer, currency, amount, maxFeeBps);
        IERC721(collection).safeTransferFrom(owner, buyer, tokenId);
        if (IERC721(collection).ownerOf(tokenId) != buyer) revert TokenNotReceived(collection, tokenId);
    }

    // ------------------------------------------------------------------ payments

    /**
     * @notice Sends `account`'s credits, less one wei, to it. Anyone may call; funds only go to `account`.
     * @dev The wei left behind keeps the credit slot non-zero, so the account's next credit costs a cheap
     * non-zero-to-non-zero write instead of a fresh slot (the 0xSplits practice). It stays the account's own
     * credit ({creditsOf} counts it) and is paid with a later withdrawal.
     */
    function withdraw(address payable account) external nonReentrant {
        _withdraw(account, account);
    }

    /// @notice Sends the caller's credits, less one wei (see {withdraw}), to `to`.
    function withdrawTo(address payable to) external nonReentrant {
        if (to == address(0)) revert InvalidRecipient();
        _withdraw(msg.sender, to);
    }

    /**
     * @notice Sends `account`'s credits in the ERC-20 `currency` to it (allowed or not any more). Anyone may call;
     * funds only go to `account`.
     */
    function withdrawCurrency(address account, address currency) external nonReentrant {
        _withdrawCurrency(account, currency, account);
    }

    /// @notice Sends the caller's credits in `currency` to `to` (e.g. when the token refuses `account`).
    function withdrawCurrencyTo(address currency, address to) external nonReentrant {
        if (to == address(0)) revert InvalidRecipient();
        _withdrawCurrency(msg.sender, currency, to);
    }

    /**
     * @notice Allows (or stops allowing) new listings, orders, offers and sales in the ERC-20 `currency` (owner
     * only). Allow only plain tokens (no fee on transfer, no rebasing, no callbacks): a stablecoin such as USDC.
     * Removing a currency never freezes funds: its credits and escrowed offers stay withdrawable and cancellable.
     */
    function setCurrencyAllowed(address currency, bool allowed) external onlyOwner {
        if (currency.code.length == 0) revert InvalidCurrency(currency);
        _currencyAllowed[currency] = allowed;
        emit CurrencyAllowed(currency, allowed);
    }

    /// @notice Sets the platform fee (owner only), at most {MAX_FEE_BPS}. Live listings and signed orders keep
    /// paying at most the fee their seller accepted.
    function setFee(address recipient, uint16 bps) external onlyOwner {
        if (bps > MAX_FEE_BPS) revert FeeTooHigh(bps, MAX_FEE_BPS);
        if (bps != 0 && recipient == address(0)) revert FeeRecipientZero();
        _feeRecipient = recipient;
        _feeBps = bps;
        emit FeeSet(recipient, bps);
    }

    // ------------------------------------------------------------------ views

    /// @notice The stored listing of a token and whether it can be bought now (unexpired, seller still owns the
    /// token, and for {ITokenVersion} collections the token has not moved since it was listed).
    function listingOf(
        address collection,
        uint256 tokenId
    ) external view returns (address seller, uint256 price, uint64 expiry, bool live) {
        Listing storage listing = _listings[collection][tokenId];
        seller = listing.seller;
        return (seller, listing.price, listing.expiry, seller != address(0) && _isLive(collection, tokenId, listing));
    }

    /// @notice The highest platform fee a listing will be charged (the fee in effect when it was listed).
    function listingMaxFeeBps(address collection, uint256 tokenId) external view returns (uint16) {
        return _listings[collection][tokenId].maxFeeBps;
    }

    function offerOf(address collection, uint256 tokenId, address buyer) external view returns (uint256 amount, uint64 expiry) {
        Offer memory offer = _offers[collection][tokenId][buyer];
        return (offer.amount, offer.expiry);
    }

    /// @notice Wei credited to `account` and not yet withdrawn.
    function creditsOf(address account) external view returns (uint256) {
        uint256 stored = _credits[account];
        unchecked {
            return stored == 0 ? 0 : stored - 1;
        }
    }

    /// @notice Whether new sales and offers in the ERC-20 `currency` are allowed.
    function currencyAllowed(address currency) external view returns (bool) {
        return _currencyAllowed[currency];
    }

    /// @notice The ERC-20 a token's listing is priced in; address(0) for a native price or no listing.
    function listingCurrency(address collection, uint256 tokenId) external view returns (address) {
        Listing storage listing = _listings[collection][tokenId];
        return listing.inCurrency ? _listingCurrency[collection][tokenId] : address(0);
    }

    /// @notice `buyer`'s escrowed offer in `currency` for a token.
    function currencyOfferOf(
        address collection,
        uint256 tokenId,
        address buyer,
        address currency
    ) external view returns (uint256 amount, uint64 expiry) {
        Offer memory offer = _currencyOffers[collection][tokenId][buyer][currency];
        return (offer.amount, offer.expiry);
    }

    /// @notice Units of the ERC-20 `currency` credited to `account` and not yet withdrawn.
    function currencyCreditsOf(address account, address currency) external view returns (uint256) {
        uint256 stored = _currencyCredits[account][currency];
        unchecked {
            return stored == 0 ? 0 : stored - 1;
        }
    }

    function fee() external view returns (address recipient, uint16 bps) {
        return (_feeRecipient, _feeBps);
    }

    // ------------------------------------------------------------------ internals

    /// @dev How a sale of `price` divides, in whatever currency it is paid: the platform fee (the current fee, at most
    /// `maxFeeBps`), the royalty and its receiver, and what is left after the fee (the seller gets afterFee - royalty).
    function _shares(address collection, uint256 tokenId, uint256 price, uint16 maxFeeBps)
        private
        view
        returns (uint256 feeAmount, address receiver, uint256 royalty, uint256 afterFee)
    {
        // A seller who accepted no fee pays none, whatever the current fee: its slot is not even read then.
        if (maxFeeBps != 0) {
            uint256 bps = _feeBps;
            if (maxFeeBps < bps) bps = maxFeeBps;
            // price <= uint128 (msg.value, a uint96 listing, an escrowed uint128 offer, an order checked in
            // {_checkOrder}): no overflow.
            feeAmount = (price * bps) / _BPS;
        }
        (receiver, royalty) = _royalty(collection, tokenId, price);
        // A royalty can never take more than what is left after the fee.
        afterFee = price - feeAmount;
        if (royalty > afterFee) royalty = afterFee;
    }

    /// @dev Credits royalty, fee (at most `maxFeeBps`) and seller proceeds for a sale of `price` wei.
    function _settle(
        address collection,
        uint256 tokenId,
        address seller,
        address buyer,
        uint256 price,
        uint16 maxFeeBps
    ) private {
        (uint256 feeAmount, address receiver, uint256 royalty, uint256 afterFee) =
            _shares(collection, tokenId, price, maxFeeBps);
        if (feeAmount != 0) _credit(_feeRecipient, feeAmount);
        if (royalty != 0) _credit(receiver, royalty);
        _credit(seller, afterFee - royalty);
        emit Sale(collection, tokenId, buyer, seller, price, receiver, royalty, feeAmount);
    }

    /// @dev {_settle} for a sale of `price` units of `currency`: every party is credited in that currency.
    function _settleInCurrency(
        address collection,
        uint256 tokenId,
        address seller,
        address buyer,
        address currency,
        uint256 price,
        uint16 maxFeeBps
    ) private {
        (uint256 feeAmount, address receiver, uint256 royalty, uint256 afterFee) =
            _shares(collection, tokenId, price, maxFeeBps);
        if (feeAmount != 0) _creditIn(_feeRecipient, currency, feeAmount);
        if (royalty != 0) _creditIn(receiver, currency, royalty);
        _creditIn(seller, currency, afterFee - royalty);
        emit SaleInCurrency(collection, tokenId, buyer, seller, currency, price, receiver, royalty, feeAmount);
    }

    /// @dev Pulls exactly `amount` of `currency` from `from`; refuses a token that delivers another amount.
    function _pull(address currency, address from, uint256 amount) private {
        IERC20 token = IERC20(currency);
        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(from, address(this), amount);
        uint256 balance = token.balanceOf(address(this));
        if (balance < before || balance - before != amount) {
            revert CurrencyAmountMismatch(currency, amount, balance < before ? 0 : balance - before);
        }
    }

    /// @dev Adds `amount` of `currency` to `account`'s credit (the first credit also sets the marker 1).
    function _creditIn(address account, address currency, uint256 amount) private {
        uint256 stored = _currencyCredits[account][currency];
        _currencyCredits[account][currency] = stored == 0 ? amount + 1 : stored + amount;
    }

    /// @dev Pays out `account`'s whole credit in `currency` to `to`, keeping the slot's marker.
    function _withdrawCurrency(address account, address currency, address to) private {
        uint256 credit = _currencyCredits[account][currency];
        if (credit <= 1) revert NothingToWithdraw(account);
        uint256 amount = credit - 1;
        _currencyCredits[account][currency] = 1;
        emit WithdrawalInCurrency(account, currency, to, amount);
        IERC20(currency).safeTransfer(to, amount);
    }

    /**
     * @dev The checks and the nonce / version handling of {fillInCurrency}, as in {fill}; returns whether the
     * collection is versioned (the caller then checks that the version moved).
     */
    function _checkCurrencyOrder(CurrencyOrder calldata order, bytes calldata signature) private returns (bool versioned) {
        address seller = order.seller;
        if (order.expiry < block.timestamp) revert OrderExpired(order.expiry);
        if (order.expiry > block.timestamp + MAX_DURATION) revert InvalidExpiry(order.expiry);
        if (order.price == 0 || order.price > type(uint128).max) revert InvalidPrice(order.price);
        uint256 word = order.nonce >> 8;
        uint256 bit = 1 << (order.nonce & 0xff);
        uint256 bits = _nonceBits[seller][word];
        if (bits & bit != 0) revert OrderNonceUsed(seller, order.nonce);
        if (!_validSignature(seller, currencyOrderDigest(order), signature)) revert InvalidSignature();
        address collection = order.collection;
        versioned = _isVersioned(collection);
        if (versioned) {
            if (ITokenVersion(collection).tokenVersion(order.tokenId) != order.tokenVersion) {
                revert OrderStale(collection, order.tokenId);
            }
        } else {
            _nonceBits[seller][word] = bits | bit;
            if (IERC721(collection).ownerOf(order.tokenId) != seller) revert OrderStale(collection, order.tokenId);
        }
    }

    /// @dev Moves the token from `seller` to the caller and checks that the caller really received it.
    function _transfer(address collection, uint256 tokenId, address seller) private {
        IERC721(collection).safeTransferFrom(seller, msg.sender, tokenId);
        if (IERC721(collection).ownerOf(tokenId) != msg.sender) revert TokenNotReceived(collection, tokenId);
    }

    /// @dev Adds `amount` to `account`'s credit (the first credit also sets the slot's marker 1).
    function _credit(address account, uint256 amount) private {
        uint256 stored = _credits[account];
        _credits[account] = stored == 0 ? amount + 1 : stored + amount;
    }

    /// @dev Pays out the whole credit and keeps the slot's marker.
    function _withdraw(address account, address payable to) private {
        uint256 credit = _credits[account];
        if (credit <= 1) revert NothingToWithdraw(account);
        uint256 amount = credit - 1;
        _credits[account] = 1;
        emit Withdrawal(account, amount);
        (bool ok, ) = to.call{value: amount}("");
        if (!ok) revert TransferFailed(to, amount);
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

    /**
     * @dev An ECDSA signature recovering to `signer` is accepted as is (also for a delegated EOA); otherwise the
     * signer is asked through ERC-1271. Recovering first skips the cold EXTCODESIZE of the seller on the common path.
     */
    function _validSignature(address signer, bytes32 digest, bytes calldata signature) private view returns (bool) {
        (address recovered, ECDSA.RecoverError err, ) = ECDSA.tryRecoverCalldata(digest, signature);
        if (err == ECDSA.RecoverError.NoError && recovered == signer) return true;
        return SignatureChecker.isValidERC1271SignatureNowCalldata(signer, digest, signature);
    }

    function _isVersioned(address collection) private view returns (bool) {
        return ERC165Checker.supportsERC165InterfaceUnchecked(collection, type(ITokenVersion).interfaceId);
    }

    function _checkExpiry(uint64 expiry) private view {
        if (expiry <= block.timestamp || expiry > block.timestamp + MAX_DURATION) revert InvalidExpiry(expiry);
    }

    function _requireLive(address collection, uint256 tokenId, Listing storage listing) private view {
        address seller = listing.seller;
        if (seller == address(0)) revert NotListed(collection, tokenId);
        uint64 expiry = listing.expiry;
        if (expiry < block.timestamp) revert ListingExpired(expiry);
        if (!_isLive(collection, tokenId, listing)) revert ListingStale(collection, tokenId);
    }

    /// @dev Unexpired, still owned by the seller, and (versioned collections) not moved since listed.
    function _isLive(address collection, uint256 tokenId, Listing storage listing) private view returns (bool) {
        if (listing.expiry < block.timestamp) return false;
        try IERC721(collection).ownerOf(tokenId) returns (address owner) {
            if (owner != listing.seller) return false;
        } catch {
            return false;
        }
        if (!listing.versioned) return true;
        try ITokenVersion(collection).tokenVersion(tokenId) returns (uint256 version) {
            return uint160(version) == listing.tokenVersion;
        } catch {
            return false;
        }
    }
}
