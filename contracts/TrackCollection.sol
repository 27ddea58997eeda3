// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC721} from "solady/src/tokens/ERC721.sol";
import {IERC2981} from "@openzeppelin/contracts/interfaces/IERC2981.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ITokenVersion} from "./interfaces/ITokenVersion.sol";
import {CidV1} from "./libraries/CidV1.sol";
import {Licences} from "./libraries/Licences.sol";

/**
 * @title TrackCollection (v2)
 * @notice Music tracks as 1/1 ERC-721 tokens with ERC-2981 royalties, minted directly by their creator or lazily
 * from a creator-signed EIP-712 voucher that a collector redeems and pays for.
 *
 * @dev Design (issue #13, "Contracts v2"):
 * - **Creator-namespaced ids.** `tokenId = uint160(creator) << 96 | (uint256(contentDigest) & (2^96 - 1))`, see
 *   {trackId}. The creator is `msg.sender` for {mint} and the voucher's signer for {redeem}, so only the creator can
 *   ever mint in their namespace: someone who sees a digest first (a published voucher, a pending mint) can only
 *   mint it under their own id, which {creatorOf} attributes to them, and the creator can always mint their own.
 *   v1 used `tokenId = contentDigest`, which let anyone squat a creator's track forever.
 * - **Two slots per token, nothing else per mint.** The ERC-721 is Solady's (audited), which keeps the owner and
 *   96 bits of "extra data" in one slot. Slot A (Solady's ownership slot) = owner (160) | digest bits 96..159 (64)
 *   | royalty bps (13) | licence (4) | transfer version (15). Slot B ({_tracks}) = royalty receiver (160) | digest
 *   bits 160..255 (96). Digest bits 0..95 are the low bits of the id. A royalty receiver therefore costs no slot of
 *   its own (v1 interned receivers in a registry: a never-seen receiver, e.g. a new split, cost two more slots).
 *   Transfers only write slot A (the version lives there) and the two balances.
 * - **One custom ERC-721 piece:** {transferFrom} (Solady's slots, events and errors) folds the version bump into the
 *   owner write and skips the per-token approval slot while the owner has no per-token approval outstanding (a
 *   count kept in Solady's per-owner `aux` by {_approve}); see its NatSpec. Never call Solady's `_transfer` or
 *   `_burn` here: they clear approvals without keeping that count.
 * - `tokenURI` rebuilds `ipfs://bafy.../metadata.json` from the stored 32-byte digest ({CidV1}): frozen metadata.
 *   The generation manifest digest is only recorded in {TrackMinted}.
 * - **Vouchers** bind everything the creator agrees to, including where the price goes (`payout`): a voucher's
 *   proceeds can no longer be redirected by a later setting (v1's `setPayoutAddress`). Proceeds are credited and
 *   pulled ({withdraw} by anyone to the account itself, or {withdrawTo} by the account to any address, so credits
 *   of an account that cannot receive plain ETH, e.g. a contract wallet without `receive`, are never stranded).
 * - Solady's ERC-721 entry points are `payable` (a gas choice of that library); ETH sent with a transfer or an
 *   approval is not credited to anyone and stays in the contract. Its errors are Solady's (`TokenDoesNotExist()`,
 *   `NotOwnerNorApproved()`, `TransferToZeroAddress()`, `TokenAlreadyExists()`, ...), not OpenZeppelin's.
 * - **Vouchers priced in an ERC-20 (issue #20).** A {CurrencyVoucher} is a distinct EIP-712 type (a {Voucher}'s
 *   fields plus `currency`): a native voucher's signature never redeems as a currency voucher nor the reverse, and
 *   every native voucher signed before keeps its digest. Both forms share the creator's nonce bitmap: a nonce is
 *   redeemed once in either form, and {cancelNonce} cancels both. {redeemInCurrency} is not payable; it pulls the
 *   exact price from the caller with SafeERC20 and refuses a token that delivers another amount
 *   ({CurrencyAmountMismatch}: fee-on-transfer, or a `transferFrom` that lies), credits it per (account, currency)
 *   and the account pulls it with {withdrawCurrency} / {withdrawCurrencyTo}. Who decides the currency: like Market
 *   and Editions, the owner (the deployer, who has no other power) keeps an allowlist ({setCurrencyAllowed}); a
 *   voucher in a currency not on it does not redeem. Removing a currency stops its vouchers redeeming and never
 *   freezes credits. Conservation per currency: the contract's balance of a token == the sum of credits in it
 *   (plus whatever was sent to it directly).
 */
contract TrackCollection is ERC721, IERC2981, ITokenVersion, EIP712, ReentrancyGuardTransient, Ownable {
    using SafeERC20 for IERC20;

    /// @notice Highest royalty a token may carry, in basis points (5000 = 50%).
    uint16 public constant MAX_ROYALTY_BPS = 5000;
    uint16 private constant _BPS = 10_000;

    /// @notice EIP-712 type of a lazy-mint voucher (domain: name "Motif Tracks", version "2", chain id, contract).
    bytes32 public constant VOUCHER_TYPEHASH = keccak256(
        "Voucher(address creator,bytes32 content,bytes32 manifest,uint256 price,address payout,address royaltyReceiver,uint16 royaltyBps,uint8 licence,uint256 nonce,uint256 deadline)"
    );

    /// @notice EIP-712 type of a lazy-mint voucher priced in an ERC-20 `currency` (never the native currency).
    bytes32 public constant CURRENCY_VOUCHER_TYPEHASH = keccak256(
        "CurrencyVoucher(address creator,bytes32 content,bytes32 manifest,address currency,uint256 price,address payout,address royaltyReceiver,uint16 royaltyBps,uint8 licence,uint256 nonce,uint256 deadline)"
    );

    /**
     * @notice A creator's signed offer to mint a track to whoever pays `price` before `deadline`.
     * @param creator Signer; the track's creator (EOA or ERC-1271 contract). The token id is `trackId(creator, content)`.
     * @param content sha2-256 digest of the CIDv1 dag-pb folder.
     * @param manifest Digest of the signed generation manifest.
     * @param price Wei the collector pays; credited to `payout`.
     * @param payout Account credited with `price` (e.g. a split); `address(0)` means the creator.
     * @param royaltyReceiver ERC-2981 receiver (may be a split).
     * @param royaltyBps Royalty rate in basis points, at most {MAX_ROYALTY_BPS}.
     * @param licence Licence id (see {Licences}).
     * @param nonce Creator-chosen nonce; each nonce is usable once and may be cancelled.
     * @param deadline Last timestamp at which the voucher may be redeemed.
     */
    struct Voucher {
        address creator;
        bytes32 content;
        bytes32 manifest;
        uint256 price;
        address payout;
        address royaltyReceiver;
        uint16 royaltyBps;
        uint8 licence;
        uint256 nonce;
        uint256 deadline;
    }

    /**
     * @notice A {Voucher} priced in `price` units of the ERC-20 `currency` (on the owner's allowlist), redeemed with
     * {redeemInCurrency}. Its nonce is from the same per-creator space as {Voucher}s.
     */
    struct CurrencyVoucher {
        address creator;
        bytes32 content;
        bytes32 manifest;
        address currency;
        uint256 price;
        address payout;
        address royaltyReceiver;
        uint16 royaltyBps;
        uint8 licence;
        uint256 nonce;
        uint256 deadline;
    }

    // Layout of Solady's 96-bit extra data (slot A above the owner): digest bits 96..159 at bits 0..63, then:
    uint256 private constant _BPS_SHIFT = 64; // 13 bits: 0..5000 fits in 0..8191
    uint256 private constant _LICENCE_SHIFT = 77; // 4 bits: Licences.COUNT <= 16
    uint256 private constant _VERSION_SHIFT = 81; // 15 bits, the top of the slot: an increment wraps by itself
    uint256 private constant _MASK_64 = (1 << 64) - 1;
    uint256 private constant _MASK_96 = (1 << 96) - 1;

    /// @dev Solady ERC721 (0.1.26) storage seed, private there; its slot formulas are documented in its NatSpec and
    /// reused by {transferFrom}. Every transfer test reads the result back through Solady's own getters, so a
    /// mismatch (e.g. after a Solady upgrade) fails the suite at once.
    uint256 private constant _SOLADY_SEED = 0x7d8825530a5a2e7a << 192;
    uint256 private constant _TRANSFER_EVENT_SIGNATURE =
        0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef;
    // Solady ERC721 error selectors, used by the assembly in {transferFrom}.
    uint256 private constant _TOKEN_DOES_NOT_EXIST = 0xceea21b6;
    uint256 private constant _TRANSFER_FROM_INCORRECT_OWNER = 0xa1148100;
    uint256 private constant _TRANSFER_TO_ZERO_ADDRESS = 0xea553b34;
    uint256 private constant _ACCOUNT_BALANCE_OVERFLOW = 0x01336cea;
    uint256 private constant _NOT_OWNER_NOR_APPROVED = 0x4b6e7f18;

    string private _name;
    string private _symbol;

    /// @dev Slot B of a token: royalty receiver (bits 0..159) | content digest bits 160..255 (bits 160..255).
    mapping(uint256 tokenId => uint256) private _tracks;
    /// @dev Voucher nonces as bitmaps: creator => word index => 256 flags.
    mapping(address creator => mapping(uint256 word => uint256)) private _nonceBitmap;
    mapping(address account => uint256) private _credits;
    mapping(address currency => bool) private _currencyAllowed;
    mapping(address account => mapping(address currency => uint256)) private _currencyCredits;

    /// @notice A track was minted by `creator`; `tokenId == trackId(creator, contentDigest)`.
    event TrackMinted(
        uint256 indexed tokenId,
        address indexed creator,
        bytes32 contentDigest,
        bytes32 manifestDigest,
        uint8 licence,
        address royaltyReceiver,
        uint16 royaltyBps
    );
    /// @notice A voucher was redeemed: the token went to `buyer` and `price` wei were credited to `payout`.
    event VoucherRedeemed(
        address indexed creator,
        uint256 indexed nonce,
        uint256 indexed tokenId,
        address buyer,
        address payout,
        uint256 price
    );
    /// @notice A currency voucher was redeemed: the token went to `buyer`, `price` units of `currency` were paid by
    /// the caller and credited to `payout`.
    event VoucherRedeemedInCurrency(
        address indexed creator,
        uint256 indexed nonce,
        uint256 indexed tokenId,
        address buyer,
        address payout,
        address currency,
        uint256 price
    );
    /// @notice The owner allowed (or stopped allowing) vouchers priced in the ERC-20 `currency`.
    event CurrencyAllowed(address indexed currency, bool allowed);
    /// @notice `amount` units of `account`'s credits in `currency` were sent to `to`.
    event WithdrawalInCurrency(address indexed account, address indexed currency, address to, uint256 amount);
    /// @notice `creator` cancelled voucher nonce `nonce`.
    event NonceCancelled(address indexed creator, uint256 indexed nonce);
    /// @notice `amount` wei of `account`'s credited proceeds were sent to `to` (`to == account` for {withdraw}).
    event Withdrawal(address indexed account, address indexed to, uint256 amount);

    /// @notice Royalty rate above {MAX_ROYALTY_BPS}.
    error RoyaltyTooHigh(uint256 bps, uint256 max);
    /// @notice A non-zero royalty rate needs a receiver.
    error RoyaltyReceiverZero();
    /// @notice Content digest zero is not a CID.
    error EmptyContent();
    /// @notice The voucher's deadline has passed.
    error VoucherExpired(uint256 deadline);
    /// @notice The voucher's nonce was used or cancelled.
    error VoucherNonceUsed(address creator, uint256 nonce);
    /// @notice The signature is not the creator's over this voucher, chain and contract.
    error InvalidVoucherSignature();
    /// @notice `msg.value` is not the voucher price.
    error WrongPayment(uint256 sent, uint256 price);
    /// @notice Nothing to withdraw.
    error NothingToWithdraw(address account);
    /// @notice Withdrawing to the zero address.
    error WithdrawToZero();
    /// @notice Sending ETH failed.
    error TransferFailed(address to, uint256 amount);
    /// @notice `currency` is not on the owner's allowlist.
    error CurrencyNotAllowed(address currency);
    /// @notice Only a contract can be allowed as a currency.
    error InvalidCurrency(address currency);
    /// @notice The token delivered `received` units where `expected` were due (fee on transfer, or a lying token).
    error CurrencyAmountMismatch(address currency, uint256 expected, uint256 received);

    constructor(string memory name_, string memory symbol_) EIP712("Motif Tracks", "2") Ownable(msg.sender) {
        _name = name_;
        _symbol = symbol_;
    }

    // ------------------------------------------------------------------ minting

    /**
     * @notice Mints the caller's track with content digest `content` to `to`; the caller is its creator.
     * @dev Reverts with `TokenAlreadyExists()` if the caller already minted a content with the same low 96 bits.
     * If `to` is a contract it must accept the token (`onERC721Received`), called after every effect.
     * @return tokenId `trackId(msg.sender, content)`.
     */
    function mint(
        address to,
        bytes32 content,
        bytes32 manifest,
        address royaltyReceiver,
        uint16 royaltyBps,
        uint8 licence
    ) external returns (uint256 tokenId) {
        tokenId = _recordTrack(msg.sender, content, manifest, royaltyReceiver, royaltyBps, licence);
        _safeMint(to, tokenId);
    }

    /**
     * @notice Redeems a creator-signed voucher: mints its track to `to` and credits `msg.value` (which must equal
     * the voucher price) to the voucher's payout address (the creator if zero).
     * @dev A voucher is bound to this chain and contract (EIP-712 domain), to its nonce (used once, cancellable),
     * to its deadline and to every field including `payout`. Reentrancy is blocked and every effect (nonce, track
     * data, credit, events) precedes the `onERC721Received` callback.
     */
    function redeem(
        Voucher calldata voucher,
        bytes calldata signature,
        address to
    ) external payable nonReentrant returns (uint256 tokenId) {
        if (block.timestamp > voucher.deadline) revert VoucherExpired(voucher.deadline);
        if (msg.value != voucher.price) revert WrongPayment(msg.value, voucher.price);
        _useNonce(voucher.creator, voucher.nonce);
        if (!SignatureChecker.isValidSignatureNow(voucher.creator, _voucherDigest(voucher), signature)) {
            revert InvalidVoucherSignature();
        }
        tokenId = _recordTrack(
            voucher.creator,
            voucher.content,
            voucher.manifest,
            voucher.royaltyReceiver,
            voucher.royaltyBps,
            voucher.licence
        );
        address payout = voucher.payout == address(0) ? voucher.creator : voucher.payout;
        _credits[payout] += msg.value;
        emit VoucherRedeemed(voucher.creator, voucher.nonce, tokenId, to, payout, msg.value);
        _safeMint(to, tokenId);
    }

    /**
     * @notice Redeems a creator-signed {CurrencyVoucher}: mints its track to `to` and pulls exactly `voucher.price`
     * units of `voucher.currency` from the caller (who must have approved this contract), credited to the voucher's
     * payout address (the creator if zero). Not payable.
     * @dev Same bindings as {redeem} (chain, contract, nonce shared with native vouchers, deadline, every field),
     * plus the currency, which must be on the allowlist. The token always comes from `msg.sender`, never from `to`
     * or anyone else's allowance. Order: checks, effects (nonce, track data, credit, event), then the pull (whose
     * delivered amount is measured), then the `onERC721Received` callback; reentrancy is blocked. A zero price pulls
     * nothing.
     */
    function redeemInCurrency(
        CurrencyVoucher calldata voucher,
        bytes calldata signature,
        address to
    ) external nonReentrant returns (uint256 tokenId) {
        if (block.timestamp > voucher.deadline) revert VoucherExpired(voucher.deadline);
        address currency = voucher.currency;
        if (!_currencyAllowed[currency]) revert CurrencyNotAllowed(currency);
        _useNonce(voucher.creator, voucher.nonce);
        if (!SignatureChecker.isValidSignatureNow(voucher.creator, _currencyVoucherDigest(voucher), signature)) {
            revert InvalidVoucherSignature();
        }
        tokenId = _recordTrack(
            voucher.creator,
            voucher.content,
            voucher.manifest,
            voucher.royaltyReceiver,
            voucher.royaltyBps,
            voucher.licence
        );
        address payout = voucher.payout == address(0) ? voucher.creator : voucher.payout;
        uint256 price = voucher.price;
        _currencyCredits[payout][currency] += price;
        emit VoucherRedeemedInCurrency(voucher.creator, voucher.nonce, tokenId, to, payout, currency, price);
        if (price != 0) _pull(currency, price);
        _safeMint(to, tokenId);
    }

    /**
     * @notice Allows (or stops allowing) vouchers priced in the ERC-20 `currency` (owner only; a contract). Allow
     * only plain tokens (no fee on transfer, no rebasing, no callbacks). Removing one stops its vouchers redeeming;
     * its credits stay withdrawable.
     */
    function setCurrencyAllowed(address currency, bool allowed) external onlyOwner {
        if (currency.code.length == 0) revert InvalidCurrency(currency);
        _currencyAllowed[currency] = allowed;
        emit CurrencyAllowed(currency, allowed);
    }

    /// @notice Cancels the caller's voucher nonce `nonce` so that no voucher signed with it can be redeemed.
    function cancelNonce(uint256 nonce) external {
        _useNonce(msg.sender, nonce);
        emit NonceCancelled(msg.sender, nonce);
    }

    /// @notice Sends all of `account`'s credited proceeds to it. Anyone may call; funds only go to `account`.
    function withdraw(address payable account) external nonReentrant {
        _withdraw(account, account);
    }

    /**
     * @notice Sends all of the caller's credited proceeds to `to`: how an account that cannot receive plain ETH
     * (e.g. a contract wallet without `receive`) still collects its credits.
     */
    function withdrawTo(address payable to) external nonReentrant {
        if (to == address(0)) revert WithdrawToZero();
        _withdraw(msg.sender, to);
    }

    /// @notice Sends all of `account`'s credits in `currency` to it. Anyone may call; funds only go to `account`.
    function withdrawCurrency(address account, address currency) external nonReentrant {
        _withdrawCurrency(account, currency, account);
    }

    /// @notice Sends all of the caller's credits in `currency` to `to`.
    function withdrawCurrencyTo(address currency, address to) external nonReentrant {
        if (to == address(0)) revert WithdrawToZero();
        _withdrawCurrency(msg.sender, currency, to);
    }

    // ------------------------------------------------------------------ track views

    /// @notice Token id of `creator`'s track with content digest `content`: creator in the top 160 bits, the low
    /// 96 bits of the digest below.
    function trackId(address creator, bytes32 content) public pure returns (uint256) {
        return (uint256(uint160(creator)) << 96) | (uint256(content) & _MASK_96);
    }

    /// @notice Creator of `tokenId` (who minted it, or signed its voucher); reverts if the token does not exist.
    function creatorOf(uint256 tokenId) external view returns (address) {
        _requireExists(tokenId);
        return address(uint160(tokenId >> 96));
    }

    /// @notice Content digest (sha2-256 of the CIDv1 dag-pb folder) of `tokenId`; reverts if it does not exist.
    function contentDigestOf(uint256 tokenId) public view returns (bytes32) {
        uint96 extra = _requireExists(tokenId);
        return _digest(tokenId, extra);
    }

    /// @notice Licence id of `tokenId` (see {licenceName}, {licenceURI}); reverts if it does not exist.
    function licenceOf(uint256 tokenId) external view returns (uint8) {
        return uint8((_requireExists(tokenId) >> _LICENCE_SHIFT) & 0xf);
    }

    /**
     * @inheritdoc ITokenVersion
     * @dev 0 at mint, +1 on every transfer (self-transfers included), kept in 15 bits: it wraps to 0 after 32,768
     * transfers. A listing or order made at version `v` is therefore dead once the token moves, and revives only if
     * the token moved exactly a multiple of 32,768 times and is back with the same seller before the listing expires.
     */
    function tokenVersion(uint256 tokenId) external view returns (uint256) {
        return _requireExists(tokenId) >> _VERSION_SHIFT;
    }

    /// @notice URI of the legal text of licence `id`.
    function licenceURI(uint8 id) external pure returns (string memory) {
        return Licences.uri(id);
    }

    /// @notice Short name of licence `id`, e.g. `CC-BY-4.0`.
    function licenceName(uint8 id) external pure returns (string memory) {
        return Licences.name(id);
    }

    /// @notice Number of licences; valid licence ids are `0 .. licenceCount() - 1`.
    function licenceCount() external pure returns (uint8) {
        return Licences.COUNT;
    }

    // ------------------------------------------------------------------ vouchers and credits views

    /// @notice Whether `creator`'s voucher nonce `nonce` was used or cancelled.
    function nonceUsed(address creator, uint256 nonce) public view returns (bool) {
        return (_nonceBitmap[creator][nonce >> 8] >> (nonce & 0xff)) & 1 == 1;
    }

    /// @notice Wei credited to `account` and not yet withdrawn.
    function creditsOf(address account) external view returns (uint256) {
        return _credits[account];
    }

    /// @notice EIP-712 digest a creator signs for `voucher` on this chain and contract.
    function voucherDigest(Voucher calldata voucher) external view returns (bytes32) {
        return _voucherDigest(voucher);
    }

    /// @notice EIP-712 digest a creator signs for the currency voucher `voucher` on this chain and contract.
    function currencyVoucherDigest(CurrencyVoucher calldata voucher) external view returns (bytes32) {
        return _currencyVoucherDigest(voucher);
    }

    /// @notice Whether vouchers may be priced in (and redeem in) the ERC-20 `currency`.
    function currencyAllowed(address currency) external view returns (bool) {
        return _currencyAllowed[currency];
    }

    /// @notice Units of the ERC-20 `currency` credited to `account` and not yet withdrawn.
    function currencyCreditsOf(address account, address currency) external view returns (uint256) {
        return _currencyCredits[account][currency];
    }

    // ------------------------------------------------------------------ ERC-2981, metadata, ERC-165

    /// @inheritdoc IERC2981
    /// @dev Never reverts: unknown tokens and tokens without royalty return `(address(0), 0)`; `mulDiv` cannot
    /// overflow because the result is at most `salePrice`.
    function royaltyInfo(uint256 tokenId, uint256 salePrice) external view returns (address receiver, uint256 amount) {
        uint256 bps = (_getExtraData(tokenId) >> _BPS_SHIFT) & 0x1fff;
        if (bps == 0) return (address(0), 0);
        receiver = address(uint160(_tracks[tokenId]));
        amount = Math.mulDiv(salePrice, bps, _BPS);
    }

    /// @notice `ipfs://<CIDv1 of the content folder>/metadata.json`; reverts if the token does not exist.
    function tokenURI(uint256 tokenId) public view override returns (string memory) {
        return CidV1.metadataURI(contentDigestOf(tokenId));
    }

    /// @notice Collection name.
    function name() public view override returns (string memory) {
        return _name;
    }

    /// @notice Collection symbol.
    function symbol() public view override returns (string memory) {
        return _symbol;
    }

    /// @notice ERC-165: ERC-165, ERC-721, ERC-721 Metadata, ERC-2981 and {ITokenVersion}.
    function supportsInterface(bytes4 interfaceId) public view override(ERC721, IERC165) returns (bool) {
        return
            interfaceId == type(IERC2981).interfaceId ||
            interfaceId == type(ITokenVersion).interfaceId ||
            super.supportsInterface(interfaceId);
    }

    // ------------------------------------------------------------------ ERC-721 transfers (custom pieces)

    /**
     * @notice Moves token `id` from `from` to `to` (ERC-721); bumps its {tokenVersion}.
     * @dev The one hand-written ERC-721 entry point, for the transfer gas goal (receipt gas <= 42,100 for an owner's
     * transfer to an existing holder). It differs from Solady's `transferFrom` in two ways:
     * 1. The version bump is folded into the same SSTORE that writes the new owner (a hook would re-hash, re-load
     *    and re-store the slot: about +560 gas, measured).
     * 2. The per-token approval slot is only read when the owner has per-token approvals outstanding: {_approve}
     *    keeps that count in Solady's per-owner `aux` (the balance slot, which a transfer loads anyway), so an
     *    owner's own transfer skips a cold SLOAD (2,100 gas). Invariant: `aux(owner)` == number of `owner`'s tokens
     *    whose approval slot is non-zero; every non-zero approval is cleared when its token moves.
     * Storage slots, events and errors are exactly Solady's; `safeTransferFrom` (Solady's) calls this function.
     */
    // One assembly block, kept whole so that the slot logic reads in order.
    // solhint-disable-next-line function-max-lines
    function transferFrom(address from, address to, uint256 id) public payable virtual override {
        /// @solidity memory-safe-assembly
        assembly {
            let bitmaskAddress := shr(96, not(0))
            from := and(bitmaskAddress, from)
            to := and(bitmaskAddress, to)
            // Ownership slot (slot A): owner in the low 160 bits, the extra data above.
            mstore(0x00, id)
            mstore(0x1c, _SOLADY_SEED)
            let ownershipSlot := add(id, add(id, keccak256(0x00, 0x20)))
            let packed := sload(ownershipSlot)
            let holder := and(bitmaskAddress, packed)
            if iszero(holder) {
                mstore(0x00, _TOKEN_DOES_NOT_EXIST)
                revert(0x1c, 0x04)
            }
            if iszero(eq(holder, from)) {
                mstore(0x00, _TRANSFER_FROM_INCORRECT_OWNER)
                revert(0x1c, 0x04)
            }
            if iszero(to) {
                mstore(0x00, _TRANSFER_TO_ZERO_ADDRESS)
                revert(0x1c, 0x04)
            }
            // Balance slot of `from`: balance in the low 32 bits, its outstanding per-token approvals above.
            mstore(0x00, from)
            let fromBalanceSlot := keccak256(0x0c, 0x1c)
            let fromBalance := sload(fromBalanceSlot)
            let authorized := eq(caller(), from)
            if shr(32, fromBalance) {
                let approved := sload(add(1, ownershipSlot))
                if approved {
                    authorized := or(authorized, eq(caller(), approved))
                    sstore(add(1, ownershipSlot), 0)
                    fromBalance := sub(fromBalance, shl(32, 1))
                }
            }
            if iszero(authorized) {
                // Operator approval of `from` for the caller.
                mstore(0x1c, or(_SOLADY_SEED, caller()))
                mstore(0x00, from)
                if iszero(sload(keccak256(0x0c, 0x30))) {
                    mstore(0x00, _NOT_OWNER_NOR_APPROVED)
                    revert(0x1c, 0x04)
                }
                mstore(0x1c, _SOLADY_SEED)
            }
            // New owner, and version + 1 in the top 15 bits (the add wraps out of the word: modulo 2^15).
            sstore(ownershipSlot, add(xor(packed, xor(from, to)), shl(add(160, _VERSION_SHIFT), 1)))
            sstore(fromBalanceSlot, sub(fromBalance, 1))
            // Balance of `to`, loaded after the store above so that a self-transfer nets out.
            mstore(0x00, to)
            let toBalanceSlot := keccak256(0x0c, 0x1c)
            let toBalance := add(sload(toBalanceSlot), 1)
            if iszero(and(toBalance, 0xffffffff)) {
                mstore(0x00, _ACCOUNT_BALANCE_OVERFLOW)
                revert(0x1c, 0x04)
            }
            sstore(toBalanceSlot, toBalance)
            log4(codesize(), 0x00, _TRANSFER_EVENT_SIGNATURE, from, to, id)
        }
    }

    /**
     * @dev Solady's approval, plus the per-owner count of tokens with a non-zero approval that {transferFrom}
     * relies on (kept in Solady's `aux` of the owner).
     */
    function _approve(address by, address account, uint256 id) internal virtual override {
        bool had = _getApproved(id) != address(0);
        super._approve(by, account, id);
        bool has = account != address(0);
        if (had != has) {
            address holder = _ownerOf(id);
            unchecked {
                // Cannot underflow: `had` means this token was counted for its owner.
                _setAux(holder, has ? _getAux(holder) + 1 : _getAux(holder) - 1);
            }
        }
    }

    // ------------------------------------------------------------------ internals

    /**
     * @dev Validates and stores everything about a new track except its owner (slot B, and slot A's extra data,
     * which Solady lets us write before the owner) and emits {TrackMinted}. The caller then mints with
     * `_safeMint`, which reverts with `TokenAlreadyExists()` if the id is taken (the extra data written here is
     * then rolled back with the whole call) and makes the receiver callback last.
     */
    function _recordTrack(
        address creator,
        bytes32 content,
        bytes32 manifest,
        address royaltyReceiver,
        uint16 royaltyBps,
        uint8 licence
    ) internal returns (uint256 tokenId) {
        if (content == bytes32(0)) revert EmptyContent();
        _validateRoyalty(royaltyReceiver, royaltyBps);
        Licences.check(licence);
        tokenId = _trackIdOf(creator, content);
        uint256 digest = uint256(content);
        _tracks[tokenId] = ((digest >> 160) << 160) | uint160(royaltyReceiver);
        _setExtraData(
            tokenId,
            uint96(
                ((digest >> 96) & _MASK_64) |
                    (uint256(royaltyBps) << _BPS_SHIFT) |
                    (uint256(licence) << _LICENCE_SHIFT)
            )
        );
        emit TrackMinted(tokenId, creator, content, manifest, licence, royaltyReceiver, royaltyBps);
    }

    /// @dev Token id scheme; virtual only so that a test mock can reproduce v1's `tokenId = content`.
    function _trackIdOf(address creator, bytes32 content) internal pure virtual returns (uint256) {
        return trackId(creator, content);
    }

    /// @dev The 32-byte digest from the id (bits 0..95), the extra data (bits 96..159) and slot B (bits 160..255).
    function _digest(uint256 tokenId, uint96 extra) internal view returns (bytes32) {
        return
            bytes32(
                ((_tracks[tokenId] >> 160) << 160) |
                    ((uint256(extra) & _MASK_64) << 96) |
                    (tokenId & _MASK_96)
            );
    }

    /// @dev Reverts with `TokenDoesNotExist()` unless `tokenId` exists; returns its extra data.
    function _requireExists(uint256 tokenId) internal view returns (uint96 extra) {
        if (_ownerOf(tokenId) == address(0)) revert TokenDoesNotExist();
        return _getExtraData(tokenId);
    }

    /// @dev Royalty rules: at most {MAX_ROYALTY_BPS}, and a receiver whenever the rate is not zero.
    function _validateRoyalty(address receiver, uint16 bps) internal view virtual {
        if (bps > MAX_ROYALTY_BPS) revert RoyaltyTooHigh(bps, MAX_ROYALTY_BPS);
        if (bps != 0 && receiver == address(0)) revert RoyaltyReceiverZero();
    }

    /// @dev Marks `creator`'s `nonce` used; reverts if it already was.
    function _useNonce(address creator, uint256 nonce) internal virtual {
        uint256 bit = 1 << (nonce & 0xff);
        uint256 word = _nonceBitmap[creator][nonce >> 8];
        if (word & bit != 0) revert VoucherNonceUsed(creator, nonce);
        _nonceBitmap[creator][nonce >> 8] = word | bit;
    }

    /// @dev Pays out all of `account`'s credits to `to`: effects and event before the external call.
    function _withdraw(address account, address payable to) private {
        uint256 amount = _credits[account];
        if (amount == 0) revert NothingToWithdraw(account);
        _credits[account] = 0;
        emit Withdrawal(account, to, amount);
        (bool ok, ) = to.call{value: amount}("");
        if (!ok) revert TransferFailed(to, amount);
    }

    /// @dev Pulls exactly `amount` of `currency` from the caller; refuses a token that delivers another amount.
    function _pull(address currency, uint256 amount) private {
        IERC20 token = IERC20(currency);
        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), amount);
        uint256 balance = token.balanceOf(address(this));
        if (balance < before || balance - before != amount) {
            revert CurrencyAmountMismatch(currency, amount, balance < before ? 0 : balance - before);
        }
    }

    /// @dev Pays out all of `account`'s credits in `currency` to `to`: effects and event before the transfer.
    function _withdrawCurrency(address account, address currency, address to) private {
        uint256 amount = _currencyCredits[account][currency];
        if (amount == 0) revert NothingToWithdraw(account);
        _currencyCredits[account][currency] = 0;
        emit WithdrawalInCurrency(account, currency, to, amount);
        IERC20(currency).safeTransfer(to, amount);
    }

    /// @dev EIP-712 typed-data digest of `v` under this contract's domain (name, version, chain id, address).
    function _voucherDigest(Voucher calldata v) internal view virtual returns (bytes32) {
        return _hashTypedDataV4(_voucherStructHash(v));
    }

    function _voucherStructHash(Voucher calldata v) internal pure returns (bytes32) {
        return
            keccak256(
                abi.encode(
                    VOUCHER_TYPEHASH,
                    v.creator,
                    v.content,
                    v.manifest,
                    v.price,
                    v.payout,
                    v.royaltyReceiver,
                    v.royaltyBps,
                    v.licence,
                    v.nonce,
                    v.deadline
                )
            );
    }

    /// @dev EIP-712 typed-data digest of the currency voucher `v`; virtual only so that a test mock can drop it.
    function _currencyVoucherDigest(CurrencyVoucher calldata v) internal view virtual returns (bytes32) {
        return _hashTypedDataV4(_currencyVoucherStructHash(v));
    }

    function _currencyVoucherStructHash(CurrencyVoucher calldata v) internal pure returns (bytes32) {
        return
            keccak256(
                abi.encode(
                    CURRENCY_VOUCHER_TYPEHASH,
                    v.creator,
                    v.content,
                    v.manifest,
                    v.currency,
                    v.price,
                    v.payout,
                    v.royaltyReceiver,
                    v.royaltyBps,
                    v.licence,
                    v.nonce,
                    v.deadline
                )
            );
    }
}
