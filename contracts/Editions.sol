// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC721} from "solady/src/tokens/ERC721.sol";
import {IERC2981} from "@openzeppelin/contracts/interfaces/IERC2981.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {CidV1} from "./libraries/CidV1.sol";
import {Licences} from "./libraries/Licences.sol";

/**
 * @title Editions
 * @notice Music tracks sold as numbered copies (issue #17): each copy is its own ERC-721 token carrying its edition
 * number, sold in up to {MAX_PHASES} timed sale phases (public, merkle allowlist, or signature-gated), with an
 * optional referral share, an optional comment per mint (emitted, not stored), creator airdrops, ERC-2981
 * royalties and pulled primary revenue.
 *
 * @dev Design:
 * - **Creator-namespaced ids (squat-proof, like {TrackCollection}).**
 *   `editionId = uint160(creator) << 96 | (low 64 bits of the content digest) << 32`, and the copy numbered `n`
 *   (1-based) is token `editionId | n`. The creator is `msg.sender` for {createEdition} and the EIP-712 signer for
 *   {createEditionWithSig}: nobody else can ever create an edition in a creator's id space. A creator could make two
 *   of their own digests collide in the low 64 bits (about 2^32 work, against themselves only): the second create
 *   reverts {EditionExists}.
 * - **Storage.** Per edition one hot slot ({EditionState}: minted, supply cap, close time, revenue not yet released,
 *   phase count, referral / royalty bps, licence) plus two cold slots (payout + digest bits 160..255; royalty
 *   receiver + digest bits 64..159; digest bits 0..63 are in the id). One slot per phase ({Phase}, with its own
 *   minted count), a merkle root slot for allowlist phases, and one slot per (edition, minter) holding eight 32-bit
 *   per-phase mint counters. A mint touches the hot slot, its phase slot, the minter's counter slot (only when the
 *   phase has a per-wallet cap) and Solady's owner and balance slots.
 * - **Primary revenue** accrues in the edition's hot slot (written by every mint anyway, so a sale costs no extra
 *   slot write) and is moved to the payout's pull credit by {release} (anyone may call); referral shares are
 *   credited to the referrer at the mint. Credits are stored as 1 + the credit once used (the v2 marker: a later
 *   credit is a cheap non-zero write) and pulled with {withdraw} / {withdrawTo}. Conservation: the contract's ETH ==
 *   sum of every edition's `pending` + sum of credits (markers excluded) + ETH force-sent to it.
 * - **Phases never overlap** (each starts at or after the previous one's end, checked at creation and in
 *   {addPhase}), so at any moment at most one phase sells and the terms a collector sees are the only terms.
 *   Existing phases are frozen; the creator may append phases.
 * - **Allowlist leaves** are `keccak256(bytes.concat(keccak256(abi.encode(editionId, phase, account))))`
 *   (OpenZeppelin StandardMerkleTree with types `["uint256","uint256","address"]`), so a proof is valid for one
 *   account in one phase of one edition only. **Mint approvals** (signature-gated phases) are EIP-712
 *   `MintApproval` messages of the creator's signer (see {setMintSigner}), bound to the edition, phase, minter,
 *   quantity, a per-edition nonce (used once) and a deadline; the domain binds the chain and this contract.
 * - **Per-wallet caps count the paying account (`msg.sender`)** in storage, never `balanceOf` and never the
 *   recipient, so minting to many recipients or moving copies away does not reset a minter's count.
 * - Every value-moving entry point is `nonReentrant`; all effects (counts, revenue, credits, events) precede the
 *   `onERC721Received` callbacks and ETH transfers.
 * - `tokenURI(editionId | n)` = `ipfs://<CIDv1 of the content folder>/metadata.json?edition=<n>`: frozen, derived from
 *   the stored digest ({CidV1}) and the number (IPFS gateways ignore the query; indexers read the number from it).
 * - Solady's ERC-721 entry points are `payable`: ETH sent with a transfer or approval is credited to nobody.
 * - **Phases priced in an ERC-20 (issue #20).** A creator appends such a phase with {addPhaseInCurrency} in a currency
 *   on the owner's allowlist ({setCurrencyAllowed}; the owner is the deployer and has no other power). Its stored
 *   mode byte carries {_CURRENCY_FLAG}, its currency sits in a separate slot read only for such phases, and the same
 *   mint functions sell it: no ETH may be sent ({WrongPayment}), the price is pulled from the minter and measured
 *   (a token that delivers another amount, e.g. fee-on-transfer, is refused: {CurrencyAmountMismatch}), the
 *   referral share and the revenue are credited at once per (account, currency) ({CreditedInCurrency}; no pending
 *   revenue in a token) and pulled with {withdrawCurrency}. Conservation per currency: the contract's balance of a
 *   token == the sum of credits in it (markers excluded). Removing a currency stops its phases selling and never
 *   freezes its credits.
 */
contract Editions is ERC721, IERC2981, EIP712, ReentrancyGuardTransient, Ownable {
    using SafeERC20 for IERC20;

    // ------------------------------------------------------------------ constants

    /// @notice Highest royalty, in basis points (5000 = 50%), as in {TrackCollection}.
    uint16 public constant MAX_ROYALTY_BPS = 5000;
    /// @notice Highest referral share of the price a creator may offer, in basis points (2000 = 20%).
    uint16 public constant MAX_REFERRAL_BPS = 2000;
    /// @notice Most sale phases per edition (the per-wallet counters of all phases share one slot).
    uint256 public constant MAX_PHASES = 8;
    /// @notice Longest mint comment, in bytes.
    uint256 public constant MAX_COMMENT_BYTES = 280;

    /// @notice Sale modes of a phase.
    uint8 public constant MODE_PUBLIC = 0;
    uint8 public constant MODE_ALLOWLIST = 1;
    uint8 public constant MODE_SIGNATURE = 2;

    /// @notice EIP-712 type of a signature-gated mint approval (domain: "Motif Editions", "1", chain id, contract).
    bytes32 public constant MINT_APPROVAL_TYPEHASH =
        keccak256(
            "MintApproval(uint256 editionId,uint256 phase,address minter,uint256 quantity,uint256 nonce,uint256 deadline)"
        );
    /// @notice EIP-712 type of one phase inside a {CREATE_EDITION_TYPEHASH} message.
    bytes32 public constant PHASE_TYPEHASH =
        keccak256(
            "Phase(uint96 price,uint40 start,uint40 end,uint24 walletCap,uint24 phaseCap,uint8 mode,bytes32 merkleRoot)"
        );
    /// @notice EIP-712 type of a creator-signed edition creation, submitted by anyone with {createEditionWithSig}.
    bytes32 public constant CREATE_EDITION_TYPEHASH =
        keccak256(
            "CreateEdition(address creator,bytes32 content,bytes32 manifest,uint8 licence,address royaltyReceiver,"
            "uint16 royaltyBps,address payout,uint32 maxSupply,uint40 closeAt,uint16 referralBps,Phase[] phases,"
            "uint256 deadline)"
            "Phase(uint96 price,uint40 start,uint40 end,uint24 walletCap,uint24 phaseCap,uint8 mode,bytes32 merkleRoot)"
        );

    uint256 private constant _BPS = 10_000;
    uint256 private constant _NUMBER_BITS = 32;
    uint256 internal constant _NUMBER_MASK = (1 << 32) - 1;
    uint256 private constant _MASK_64 = (1 << 64) - 1;
    uint256 private constant _MASK_96 = (1 << 96) - 1;
    uint256 private constant _MASK_40 = (1 << 40) - 1;
    uint256 private constant _MASK_104 = (1 << 104) - 1;
    uint256 private constant _MASK_24 = (1 << 24) - 1;
    /// @dev Set in a stored phase's mode byte when the phase is priced in an ERC-20 ({_phaseCurrency}).
    uint8 private constant _CURRENCY_FLAG = 0x80;

    // ------------------------------------------------------------------ types

    /// @notice Everything a creator chooses for an edition, at creation.
    /// @param content sha2-256 digest of the track's CIDv1 dag-pb folder (the same as the 1/1's).
    /// @param manifest digest of the generation manifest (only emitted in {EditionCreated}).
    /// @param licence licence id ({Licences}).
    /// @param royaltyReceiver ERC-2981 receiver (e.g. a split); required when `royaltyBps` is not zero.
    /// @param royaltyBps ERC-2981 royalty, at most {MAX_ROYALTY_BPS}.
    /// @param payout receiver of the primary revenue; zero = the royalty receiver, or the creator if there is none.
    /// @param maxSupply most copies ever (airdrops included); 0 = an open edition, which then needs `closeAt`.
    /// @param closeAt no copy is minted at or after this time; 0 = never (only with a `maxSupply`).
    /// @param referralBps share of the price credited to a named referrer, at most {MAX_REFERRAL_BPS}.
    struct EditionInit {
        bytes32 content;
        bytes32 manifest;
        uint8 licence;
        address royaltyReceiver;
        uint16 royaltyBps;
        address payout;
        uint32 maxSupply;
        uint40 closeAt;
        uint16 referralBps;
    }

    /// @notice A sale phase as the creator sets it: sells in `[start, end)` at `price` wei per copy.
    /// @param walletCap most copies one minter (`msg.sender`) may mint in this phase; 0 = no cap.
    /// @param phaseCap most copies this phase sells; 0 = no cap (the edition's cap still holds).
    /// @param mode {MODE_PUBLIC}, {MODE_ALLOWLIST} (needs `merkleRoot`) or {MODE_SIGNATURE}.
    struct PhaseInit {
        uint96 price;
        uint40 start;
        uint40 end;
        uint24 walletCap;
        uint24 phaseCap;
        uint8 mode;
        bytes32 merkleRoot;
    }

    /// @notice A stored phase (one slot): the creator's terms plus how many copies it sold.
    struct Phase {
        uint96 price;
        uint40 start;
        uint40 end;
        uint24 walletCap;
        uint24 phaseCap;
        uint24 minted;
        uint8 mode;
    }

    /// @notice The hot slot of an edition, written by every mint.
    /// @dev `pending` is wei of primary revenue not yet {release}d; 104 bits hold 2e31 wei, far above all ETH.
    struct EditionState {
        uint32 minted;
        uint32 maxSupply;
        uint40 closeAt;
        uint104 pending;
        uint8 phaseCount;
        uint16 referralBps;
        uint16 royaltyBps;
        uint8 licence;
    }

    /// @dev Cold slot: the payout and digest bits 160..255 (zero payout = no such edition).
    struct PayoutSlot {
        address payout;
        uint96 digestHigh;
    }

    /// @dev Cold slot: the royalty receiver and digest bits 64..159.
    struct RoyaltySlot {
        address receiver;
        uint96 digestMid;
    }

    // ------------------------------------------------------------------ storage

    string private _name;
    string private _symbol;

    mapping(uint256 editionId => EditionState) internal _state;
    mapping(uint256 editionId => PayoutSlot) internal _payoutSlot;
    mapping(uint256 editionId => RoyaltySlot) internal _royaltySlot;
    mapping(uint256 editionId => mapping(uint256 phase => Phase)) internal _phases;
    mapping(uint256 editionId => mapping(uint256 phase => bytes32)) internal _roots;
    /// @dev Eight 32-bit counters (phase i in bits 32i..32i+31) of copies minted by each minter, per edition.
    mapping(uint256 editionId => mapping(address minter => uint256)) internal _walletMints;
    mapping(address creator => address) internal _signers;
    mapping(uint256 editionId => mapping(uint256 word => uint256)) internal _approvalNonces;
    /// @dev 1 + the credit once an account has been credited (the slot never returns to zero).
    mapping(address account => uint256) internal _credits;
    mapping(address currency => bool) internal _currencyAllowed;
    mapping(uint256 editionId => mapping(uint256 phase => address)) internal _phaseCurrency;
    /// @dev 1 + the credit in `currency`, with the same marker as `_credits`.
    mapping(address account => mapping(address currency => uint256)) internal _currencyCredits;

    // ------------------------------------------------------------------ events

    /// @notice A creator created an edition of their track with terms `init` (its `payout` field as given; the
    /// effective primary-revenue receiver is `payout`).
    event EditionCreated(
        uint256 indexed editionId,
        address indexed creator,
        bytes32 indexed content,
        EditionInit init,
        address payout
    );
    /// @notice Phase `phase` of an edition was set (at creation or appended by {addPhase}).
    event PhaseAdded(
        uint256 indexed editionId,
        uint256 indexed phase,
        uint96 price,
        uint40 start,
        uint40 end,
        uint24 walletCap,
        uint24 phaseCap,
        uint8 mode,
        bytes32 merkleRoot
    );
    /// @notice `quantity` copies numbered `firstNumber ..` minted to `to` in `phase` for `paid` wei; `referrer`
    /// (zero address: none) was credited the edition's referral share ({Credited} carries the amount); `comment` is
    /// the collector's note.
    event Minted(
        uint256 indexed editionId,
        address indexed to,
        uint256 phase,
        uint256 firstNumber,
        uint256 quantity,
        uint256 paid,
        address referrer,
        string comment
    );
    /// @notice The creator airdropped `quantityEach` copies to each of `count` recipients, numbered from `firstNumber`.
    event Airdropped(uint256 indexed editionId, uint256 firstNumber, uint256 count, uint256 quantityEach);
    /// @notice A creator set the signer of their editions' mint approvals (zero: the creator signs).
    event MintSignerSet(address indexed creator, address indexed signer);
    /// @notice A creator's signer cancelled a mint approval nonce of an edition.
    event ApprovalNonceCancelled(uint256 indexed editionId, uint256 indexed nonce);
    /// @notice An edition's pending revenue was credited to its payout.
    event Released(uint256 indexed editionId, address indexed payout, uint256 amount);
    /// @notice `account` was credited `amount` (a referral share or released revenue).
    event Credited(address indexed account, uint256 amount);
    /// @notice `account`'s credits were sent to `to`.
    event Withdrawal(address indexed account, address indexed to, uint256 amount);
    /// @notice The owner allowed (or stopped allowing) phases priced in the ERC-20 `currency`.
    event CurrencyAllowed(address indexed currency, bool allowed);
    /// @notice Phase `phase` of an edition is priced in `currency` ({PhaseAdded}'s price and {Minted}'s `paid` are
    /// then in that token's units).
    event PhaseCurrencySet(uint256 indexed editionId, uint256 indexed phase, address indexed currency);
    /// @notice `account` was credited `amount` of `currency` (a referral share or the revenue of a mint).
    event CreditedInCurrency(address indexed account, address indexed currency, uint256 amount);
    /// @notice `account`'s credits in `currency` were sent to `to`.
    event WithdrawalInCurrency(address indexed account, address indexed currency, address to, uint256 amount);

    // ------------------------------------------------------------------ errors

    error EmptyContent();
    error EditionExists(uint256 editionId);
    error EditionNotFound(uint256 editionId);
    error NotCreator(uint256 editionId, address account);
    error RoyaltyTooHigh(uint256 bps, uint256 max);
    error RoyaltyReceiverZero();
    error ReferralTooHigh(uint256 bps, uint256 max);
    error OpenEditionNeedsEnd();
    error TooManyPhases(uint256 count, uint256 max);
    error InvalidPhase(uint256 phase);
    error PhasesOverlap(uint256 phase);
    error PhaseNotFound(uint256 editionId, uint256 phase);
    error WrongMode(uint256 phase, uint8 mode);
    error PhaseNotActive(uint256 phase, uint256 start, uint256 end);
    error EditionClosed(uint256 editionId, uint256 closeAt);
    error SoldOut(uint256 editionId, uint256 minted, uint256 maxSupply);
    error PhaseSoldOut(uint256 phase, uint256 minted, uint256 phaseCap);
    error WalletCapExceeded(address minter, uint256 minted, uint256 walletCap);
    error ZeroQuantity();
    error WrongPayment(uint256 sent, uint256 price);
    error SelfReferral(address referrer);
    error CommentTooLong(uint256 length, uint256 max);
    error NotAllowlisted(address account);
    error InvalidSignature();
    error SignatureExpired(uint256 deadline);
    error ApprovalNonceUsed(uint256 editionId, uint256 nonce);
    error NothingToRelease(uint256 editionId);
    error RevenueOverflow(uint256 editionId);
    error NothingToWithdraw(address account);
    error WithdrawToZero();
    error TransferFailed(address to, uint256 amount);
    error CurrencyNotAllowed(address currency);
    error InvalidCurrency(address currency);
    error CurrencyAmountMismatch(address currency, uint256 expected, uint256 received);

    // ------------------------------------------------------------------ construction

    /// @dev The deployer owns the currency allowlist ({setCurrencyAllowed}) and nothing else.
    constructor(string memory name_, string memory symbol_) EIP712("Motif Editions", "1") Ownable(msg.sender) {
        _name = name_;
        _symbol = symbol_;
    }

    // ------------------------------------------------------------------ creation

    /**
     * @notice Creates the caller's edition of their track `init.content`, with its sale phases (none, or up to
     * {MAX_PHASES}, in time order, not overlapping).
     * @return editionId `editionIdOf(msg.sender, init.content)`.
     */
    function createEdition(EditionInit calldata init, PhaseInit[] calldata phases) external returns (uint256 editionId) {
        return _create(msg.sender, init, phases);
    }

    /**
     * @notice Creates `creator`'s edition from their EIP-712 {CREATE_EDITION_TYPEHASH} signature (EOA or
     * ERC-1271); anyone may submit it (e.g. a label paying the gas). The signature covers every field and phase;
     * it is bound to this chain and contract and can create the edition only once ({EditionExists}).
     */
    function createEditionWithSig(
        EditionInit calldata init,
        PhaseInit[] calldata phases,
        address creator,
        uint256 deadline,
        bytes calldata signature
    ) external returns (uint256 editionId) {
        if (block.timestamp > deadline) revert SignatureExpired(deadline);
        if (!SignatureChecker.isValidSignatureNow(creator, createEditionDigest(init, phases, creator, deadline), signature)) {
            revert InvalidSignature();
        }
        return _create(creator, init, phases);
    }

    /**
     * @notice Appends a sale phase to the caller's edition; it must start at or after the end of the last phase.
     * Existing phases never change.
     */
    function addPhase(uint256 editionId, PhaseInit calldata phase) external {
        _onlyCreator(editionId);
        EditionState storage s = _state[editionId];
        uint256 index = s.phaseCount;
        if (index >= MAX_PHASES) revert TooManyPhases(index + 1, MAX_PHASES);
        uint256 previousEnd = index == 0 ? 0 : _phases[editionId][index - 1].end;
        _storePhase(editionId, index, phase, previousEnd);
        s.phaseCount = uint8(index + 1);
    }

    /**
     * @notice Appends a sale phase priced in the ERC-20 `currency` (on the allowlist) to the caller's edition, like
     * {addPhase}: `phase.price` is in the token's units; mints in it send no ETH and pay in the token.
     */
    function addPhaseInCurrency(uint256 editionId, PhaseInit calldata phase, address currency) external {
        _onlyCreator(editionId);
        if (!_currencyAllowed[currency]) revert CurrencyNotAllowed(currency);
        EditionState storage s = _state[editionId];
        uint256 index = s.phaseCount;
        if (index >= MAX_PHASES) revert TooManyPhases(index + 1, MAX_PHASES);
        uint256 previousEnd = index == 0 ? 0 : _phases[editionId][index - 1].end;
        _storePhase(editionId, index, phase, previousEnd);
        _phases[editionId][index].mode = phase.mode | _CURRENCY_FLAG;
        _phaseCurrency[editionId][index] = currency;
        s.phaseCount = uint8(index + 1);
        emit PhaseCurrencySet(editionId, index, currency);
    }

    /**
     * @notice Allows (or stops allowing) phases priced in the ERC-20 `currency` (owner only; a contract). Allow only
     * plain tokens (no fee on transfer, no rebasing, no callbacks). Removing one stops its phases selling; its
     * credits stay withdrawable.
     */
    function setCurrencyAllowed(address currency, bool allowed) external onlyOwner {
        if (currency.code.length == 0) revert InvalidCurrency(currency);
        _currencyAllowed[currency] = allowed;
        emit CurrencyAllowed(currency, allowed);
    }

    /// @notice Sets who signs the caller's mint approvals for all their editions (zero: the caller). Approvals
    /// signed by a previous signer stop working.
    function setMintSigner(address signer) external {
        _signers[msg.sender] = signer;
        emit MintSignerSet(msg.sender, signer);
    }

    /// @notice Cancels mint approval `nonce` of the caller's edition (the creator; the signer cancels by asking).
    function cancelApprovalNonce(uint256 editionId, uint256 nonce) external {
        _onlyCreator(editionId);
        _useApprovalNonce(editionId, nonce);
        emit ApprovalNonceCancelled(editionId, nonce);
    }

    // ------------------------------------------------------------------ minting

    /**
     * @notice Mints `quantity` copies to `to` in public phase `phase`, paying exactly `price * quantity`.
     * @param referrer credited the edition's referral share of the payment (zero: none; not the caller nor `to`).
     * @param comment optional note (at most {MAX_COMMENT_BYTES}), emitted in {Minted} and not stored.
     * @return firstTokenId the id of the first copy; the others follow (`+1`, ...).
     */
    function mint(
        uint256 editionId,
        uint256 phase,
        uint256 quantity,
        address to,
        address referrer,
        string calldata comment
    ) external payable virtual nonReentrant returns (uint256 firstTokenId) {
        return _sell(editionId, phase, MODE_PUBLIC, quantity, to, referrer, comment);
    }

    /**
     * @notice Mints in an allowlist phase: `proof` shows that the caller's leaf
     * `keccak256(bytes.concat(keccak256(abi.encode(editionId, phase, msg.sender))))` is in the phase's merkle tree.
     */
    function mintAllowlisted(
        uint256 editionId,
        uint256 phase,
        uint256 quantity,
        address to,
        address referrer,
        string calldata comment,
        bytes32[] calldata proof
    ) external payable nonReentrant returns (uint256 firstTokenId) {
        if (!MerkleProof.verifyCalldata(proof, _roots[editionId][phase], allowlistLeaf(editionId, phase, msg.sender))) {
            revert NotAllowlisted(msg.sender);
        }
        return _sell(editionId, phase, MODE_ALLOWLIST, quantity, to, referrer, comment);
    }

    /**
     * @notice Mints in a signature-gated phase with a {MINT_APPROVAL_TYPEHASH} approval of the creator's signer
     * ({signerOf}) for the caller, this edition, phase and quantity; its nonce is used once.
     */
    function mintApproved(
        uint256 editionId,
        uint256 phase,
        uint256 quantity,
        address to,
        address referrer,
        string calldata comment,
        uint256 nonce,
        uint256 deadline,
        bytes calldata signature
    ) external payable nonReentrant returns (uint256 firstTokenId) {
        if (block.timestamp > deadline) revert SignatureExpired(deadline);
        _useApprovalNonce(editionId, nonce);
        bytes32 digest = mintApprovalDigest(editionId, phase, msg.sender, quantity, nonce, deadline);
        if (!SignatureChecker.isValidSignatureNow(signerOf(address(uint160(editionId >> 96))), digest, signature)) {
            revert InvalidSignature();
        }
        return _sell(editionId, phase, MODE_SIGNATURE, quantity, to, referrer, comment);
    }

    /**
     * @notice The creator mints `quantityEach` copies to each of `recipients`, free, within the supply cap and
     * before the edition closes. Not counted in any phase.
     */
    function airdrop(
        uint256 editionId,
        address[] calldata recipients,
        uint256 quantityEach
    ) external nonReentrant returns (uint256 firstNumber) {
        _onlyCreator(editionId);
        uint256 total = recipients.length * quantityEach;
        if (total == 0) revert ZeroQuantity();
        EditionState storage stateSlot = _state[editionId];
        uint256 s;
        assembly ("memory-safe") {
            s := sload(stateSlot.slot)
        }
        firstNumber = _takeSupplyWord(editionId, s, total);
        stateSlot.minted = uint32(firstNumber - 1 + total);
        emit Airdropped(editionId, firstNumber, recipients.length, quantityEach);
        uint256 id = editionId | firstNumber;
        for (uint256 i; i < recipients.length; ++i) {
            for (uint256 j; j < quantityEach; ++j) {
                _safeMint(recipients[i], id);
                ++id;
            }
        }
    }

    // ------------------------------------------------------------------ revenue

    /// @notice Credits the editions' pending primary revenue to their payouts (pull with {withdraw}); anyone may
    /// call. Editions with nothing pending are skipped; reverts only if none had anything.
    function release(uint256[] calldata editionIds) external nonReentrant {
        bool any;
        for (uint256 i; i < editionIds.length; ++i) {
            uint256 editionId = editionIds[i];
            uint256 amount = _state[editionId].pending;
            if (amount == 0) continue;
            any = true;
            _state[editionId].pending = 0;
            address payout = _payoutSlot[editionId].payout;
            emit Released(editionId, payout, amount);
            _credit(payout, amount);
        }
        if (!any) revert NothingToRelease(editionIds.length == 0 ? 0 : editionIds[0]);
    }

    /// @notice Sends all of `account`'s credits to it. Anyone may call; funds only go to `account`.
    function withdraw(address payable account) external nonReentrant {
        _withdraw(account, account);
    }

    /// @notice Sends all of the caller's credits to `to` (for an account that cannot receive plain ETH).
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

    // ------------------------------------------------------------------ views

    /// @notice Whether phases may be priced in (and sell in) the ERC-20 `currency`.
    function currencyAllowed(address currency) external view returns (bool) {
        return _currencyAllowed[currency];
    }

    /// @notice The ERC-20 phase `phase` of `editionId` is priced in; address(0) for the native currency.
    function phaseCurrency(uint256 editionId, uint256 phase) external view returns (address) {
        return _phaseCurrency[editionId][phase];
    }

    /// @notice Units of the ERC-20 `currency` credited to `account` and not yet withdrawn.
    function currencyCreditsOf(address account, address currency) external view returns (uint256) {
        uint256 stored = _currencyCredits[account][currency];
        unchecked {
            return stored == 0 ? 0 : stored - 1;
        }
    }

    /// @notice Edition id of `creator`'s track `content`: creator in bits 96..255, digest bits 0..63 in 32..95.
    function editionIdOf(address creator, bytes32 content) public pure returns (uint256) {
        return (uint256(uint160(creator)) << 96) | ((uint256(content) & _MASK_64) << _NUMBER_BITS);
    }

    /// @notice The edition and edition number (1-based) of token `tokenId` (the token need not exist).
    function editionOfToken(uint256 tokenId) public pure returns (uint256 editionId, uint256 number) {
        return (tokenId & ~_NUMBER_MASK, tokenId & _NUMBER_MASK);
    }

    /// @notice Creator of `editionId` (from the id); reverts if the edition does not exist.
    function creatorOf(uint256 editionId) external view returns (address) {
        _requireEdition(editionId);
        return address(uint160(editionId >> 96));
    }

    /// @notice The edition's hot state (minted, caps, close time, pending revenue, phase count, bps, licence).
    function stateOf(uint256 editionId) external view returns (EditionState memory) {
        _requireEdition(editionId);
        return _state[editionId];
    }

    /// @notice Content digest, primary-revenue payout and royalty receiver of `editionId`.
    function editionInfo(uint256 editionId) external view returns (bytes32 content, address payout, address royaltyReceiver) {
        _requireEdition(editionId);
        return (_digest(editionId), _payoutSlot[editionId].payout, _royaltySlot[editionId].receiver);
    }

    /// @notice Phase `phase` of `editionId` and its merkle root (zero unless an allowlist phase); its price is in
    /// {phaseCurrency}'s units.
    function phaseOf(uint256 editionId, uint256 phase) external view returns (Phase memory, bytes32 merkleRoot) {
        Phase memory p = _phases[editionId][phase];
        if (p.end == 0) revert PhaseNotFound(editionId, phase);
        p.mode &= ~_CURRENCY_FLAG;
        return (p, _roots[editionId][phase]);
    }

    /// @notice Copies `minter` minted in phase `phase` of `editionId`.
    function mintedBy(uint256 editionId, uint256 phase, address minter) external view returns (uint256) {
        if (phase >= MAX_PHASES) return 0;
        return (_walletMints[editionId][minter] >> (32 * phase)) & _NUMBER_MASK;
    }

    /**
     * @notice What a mint of `quantity` copies in `phase` costs and where the money goes: the payment, the
     * referral credit (if a referrer is named) and the creator's net (the payout's share).
     */
    function quote(
        uint256 editionId,
        uint256 phase,
        uint256 quantity,
        bool withReferrer
    ) external view returns (uint256 payment, uint256 referralCredit, uint256 creatorNet) {
        Phase memory p = _phases[editionId][phase];
        if (p.end == 0) revert PhaseNotFound(editionId, phase);
        payment = uint256(p.price) * quantity;
        if (withReferrer) referralCredit = (payment * _state[editionId].referralBps) / _BPS;
        creatorNet = payment - referralCredit;
    }

    /// @notice Signer of `creator`'s mint approvals.
    function signerOf(address creator) public view returns (address) {
        address signer = _signers[creator];
        return signer == address(0) ? creator : signer;
    }

    /// @notice Whether mint approval `nonce` of `editionId` was used or cancelled.
    function approvalNonceUsed(uint256 editionId, uint256 nonce) external view returns (bool) {
        return (_approvalNonces[editionId][nonce >> 8] >> (nonce & 0xff)) & 1 == 1;
    }

    /// @notice Wei credited to `account` and not yet withdrawn.
    function creditsOf(address account) external view returns (uint256) {
        uint256 stored = _credits[account];
        unchecked {
            return stored == 0 ? 0 : stored - 1;
        }
    }

    /// @notice Allowlist leaf of `account` in `phase` of `editionId` (OpenZeppelin StandardMerkleTree leaf).
    function allowlistLeaf(uint256 editionId, uint256 phase, address account) public pure virtual returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(editionId, phase, account))));
    }

    /// @notice EIP-712 digest the signer signs to approve a mint.
    function mintApprovalDigest(
        uint256 editionId,
        uint256 phase,
        address minter,
        uint256 quantity,
        uint256 nonce,
        uint256 deadline
    ) public view returns (bytes32) {
        return _mintApprovalDigest(editionId, phase, minter, quantity, nonce, deadline);
    }

    /// @notice EIP-712 digest a creator signs for {createEditionWithSig}.
    function createEditionDigest(
        EditionInit calldata init,
        PhaseInit[] calldata phases,
        address creator,
        uint256 deadline
    ) public view returns (bytes32) {
        bytes32[] memory phaseHashes = new bytes32[](phases.length);
        for (uint256 i; i < phases.length; ++i) {
            PhaseInit calldata p = phases[i];
            phaseHashes[i] = keccak256(
                abi.encode(PHASE_TYPEHASH, p.price, p.start, p.end, p.walletCap, p.phaseCap, p.mode, p.merkleRoot)
            );
        }
        bytes32 structHash = keccak256(
            bytes.concat(
                abi.encode(
                    CREATE_EDITION_TYPEHASH,
                    creator,
                    init.content,
                    init.manifest,
                    init.licence,
                    init.royaltyReceiver,
                    init.royaltyBps,
                    init.payout
                ),
                abi.encode(
                    init.maxSupply,
                    init.closeAt,
                    init.referralBps,
                    keccak256(abi.encodePacked(phaseHashes)),
                    deadline
                )
            )
        );
        return _hashTypedDataV4(structHash);
    }

    // ------------------------------------------------------------------ ERC-2981, metadata, ERC-165

    /// @inheritdoc IERC2981
    /// @dev Never reverts: unknown tokens and editions without royalty return `(address(0), 0)`.
    function royaltyInfo(uint256 tokenId, uint256 salePrice) external view returns (address receiver, uint256 amount) {
        uint256 editionId = tokenId & ~_NUMBER_MASK;
        uint256 bps = _state[editionId].royaltyBps;
        if (bps == 0 || !_exists(tokenId)) return (address(0), 0);
        receiver = _royaltySlot[editionId].receiver;
        amount = Math.mulDiv(salePrice, bps, _BPS);
    }

    /// @notice `ipfs://<CIDv1 of the content folder>/metadata.json?edition=<n>`; reverts if the token does not exist.
    function tokenURI(uint256 tokenId) public view override returns (string memory) {
        if (!_exists(tokenId)) revert TokenDoesNotExist();
        (uint256 editionId, uint256 number) = editionOfToken(tokenId);
        return string.concat(CidV1.metadataURI(_digest(editionId)), "?edition=", Strings.toString(number));
    }

    /// @notice Licence id of the copy's edition; reverts if the token does not exist.
    function licenceOf(uint256 tokenId) external view returns (uint8) {
        if (!_exists(tokenId)) revert TokenDoesNotExist();
        return _state[tokenId & ~_NUMBER_MASK].licence;
    }

    /// @notice Collection name.
    function name() public view override returns (string memory) {
        return _name;
    }

    /// @notice Collection symbol.
    function symbol() public view override returns (string memory) {
        return _symbol;
    }

    /// @notice ERC-165: ERC-165, ERC-721, ERC-721 Metadata and ERC-2981.
    function supportsInterface(bytes4 interfaceId) public view override(ERC721, IERC165) returns (bool) {
        return interfaceId == type(IERC2981).interfaceId || super.supportsInterface(interfaceId);
    }

    // ------------------------------------------------------------------ internals

    function _create(
        address creator,
        EditionInit calldata init,
        PhaseInit[] calldata phases
    ) internal returns (uint256 editionId) {
        if (init.content == bytes32(0)) revert EmptyContent();
        editionId = editionIdOf(creator, init.content);
        if (_payoutSlot[editionId].payout != address(0)) revert EditionExists(editionId);
        _validateTerms(init);
        if (phases.length > MAX_PHASES) revert TooManyPhases(phases.length, MAX_PHASES);
        address payout = init.payout != address(0)
            ? init.payout
            : (init.royaltyReceiver != address(0) ? init.royaltyReceiver : creator);
        uint256 digest = uint256(init.content);
        _payoutSlot[editionId] = PayoutSlot(payout, uint96(digest >> 160));
        if (init.royaltyReceiver != address(0) || ((digest >> 64) & ((1 << 96) - 1)) != 0) {
            _royaltySlot[editionId] = RoyaltySlot(init.royaltyReceiver, uint96(digest >> 64));
        }
        _state[editionId] = EditionState({
            minted: 0,
            maxSupply: init.maxSupply,
            closeAt: init.closeAt,
            pending: 0,
            phaseCount: uint8(phases.length),
            referralBps: init.referralBps,
            royaltyBps: init.royaltyBps,
            licence: init.licence
        });
        emit EditionCreated(editionId, creator, init.content, init, payout);
        uint256 previousEnd;
        for (uint256 i; i < phases.length; ++i) {
            _storePhase(editionId, i, phases[i], previousEnd);
            previousEnd = phases[i].end;
        }
    }

    /// @dev Royalty, referral, licence and supply rules. Virtual so that a test mock can drop them.
    function _validateTerms(EditionInit calldata init) internal view virtual {
        if (init.royaltyBps > MAX_ROYALTY_BPS) revert RoyaltyTooHigh(init.royaltyBps, MAX_ROYALTY_BPS);
        if (init.royaltyBps != 0 && init.royaltyReceiver == address(0)) revert RoyaltyReceiverZero();
        if (init.referralBps > MAX_REFERRAL_BPS) revert ReferralTooHigh(init.referralBps, MAX_REFERRAL_BPS);
        Licences.check(init.licence);
        if (init.maxSupply == 0 && init.closeAt == 0) revert OpenEditionNeedsEnd();
    }

    /// @dev Validates and stores phase `index`, which must start at or after `previousEnd`.
    function _storePhase(uint256 editionId, uint256 index, PhaseInit calldata p, uint256 previousEnd) internal {
        if (p.end <= p.start || p.mode > MODE_SIGNATURE) revert InvalidPhase(index);
        if ((p.mode == MODE_ALLOWLIST) != (p.merkleRoot != bytes32(0))) revert InvalidPhase(index);
        _checkNoOverlap(index, p.start, previousEnd);
        _phases[editionId][index] = Phase({
            price: p.price,
            start: p.start,
            end: p.end,
            walletCap: p.walletCap,
            phaseCap: p.phaseCap,
            minted: 0,
            mode: p.mode
        });
        if (p.mode == MODE_ALLOWLIST) _roots[editionId][index] = p.merkleRoot;
        emit PhaseAdded(editionId, index, p.price, p.start, p.end, p.walletCap, p.phaseCap, p.mode, p.merkleRoot);
    }

    /// @dev Phases are in time order and never overlap. Virtual so that a test mock can drop the check.
    function _checkNoOverlap(uint256 index, uint256 start, uint256 previousEnd) internal pure virtual {
        if (start < previousEnd) revert PhasesOverlap(index);
    }

    /**
     * @dev The sale after the mode-specific authorisation: every effect ({_charge}), the event, then the mints
     * (each `onERC721Received` callback after every effect).
     */
    function _sell(
        uint256 editionId,
        uint256 phase,
        uint8 mode,
        uint256 quantity,
        address to,
        address referrer,
        string calldata comment
    ) internal virtual returns (uint256 firstTokenId) {
        if (bytes(comment).length > MAX_COMMENT_BYTES) revert CommentTooLong(bytes(comment).length, MAX_COMMENT_BYTES);
        (uint256 firstNumber, uint256 paid) = _charge(
            editionId,
            phase,
            mode,
            quantity,
            to,
            referrer
        );
        emit Minted(editionId, to, phase, firstNumber, quantity, paid, referrer, comment);
        firstTokenId = editionId | firstNumber;
        for (uint256 i; i < quantity; ++i) {
            _safeMint(to, firstTokenId + i);
        }
    }

    /**
     * @dev Every effect of a sale: phase existence, mode and time window, payment, phase / wallet / edition caps,
     * referral credit and revenue.
     * Custom code (gas goal `gas.edition.mint1.public` <= 70,000): the phase slot and the edition's hot slot are
     * read and written as whole words (their layouts are Solidity's packing of {Phase} and {EditionState}, low
     * bits first); Solidity's struct copies cost one SLOAD per field and one SLOAD + SSTORE per written field
     * (about 3,000 gas more per mint, measured).
     */
    // solhint-disable-next-line function-max-lines
    function _charge(
        uint256 editionId,
        uint256 phase,
        uint8 mode,
        uint256 quantity,
        address to,
        address referrer
    ) internal returns (uint256 firstNumber, uint256 paid) {
        if (quantity == 0) revert ZeroQuantity();
        Phase storage phaseSlot = _phases[editionId][phase];
        uint256 p;
        assembly ("memory-safe") {
            p := sload(phaseSlot.slot)
        }
        {
            // Phase word: price 0..95, start 96..135, end 136..175, walletCap 176..199, phaseCap 200..223,
            // minted 224..247, mode 248..255.
            uint256 start = (p >> 96) & _MASK_40;
            uint256 end = (p >> 136) & _MASK_40;
            if (end == 0) revert PhaseNotFound(editionId, phase);
            if ((p >> 248) & 0x7f != mode) revert WrongMode(phase, uint8((p >> 248) & 0x7f));
            if (block.timestamp < start || block.timestamp >= end) revert PhaseNotActive(phase, start, end);
        }
        paid = (p & _MASK_96) * quantity;
        // A phase priced in an ERC-20 (bit 255, the currency flag of the mode byte) takes no ETH.
        if (msg.value != (p >> 255 == 0 ? paid : 0)) revert WrongPayment(msg.value, p >> 255 == 0 ? paid : 0);
        {
            uint256 phaseCap = (p >> 200) & _MASK_24;
            if (phaseCap != 0) {
                uint256 phaseMinted = (p >> 224) & _MASK_24;
                if (phaseMinted + quantity > phaseCap) revert PhaseSoldOut(phase, phaseMinted, phaseCap);
                // phaseMinted + quantity <= phaseCap < 2^24: the add stays inside the field.
                p += quantity << 224;
                assembly ("memory-safe") {
                    sstore(phaseSlot.slot, p)
                }
            }
        }
        {
            uint256 walletCap = (p >> 176) & _MASK_24;
            if (walletCap != 0) _countWalletMints(editionId, phase, to, quantity, walletCap);
        }
        {
            EditionState storage stateSlot = _state[editionId];
            uint256 s;
            assembly ("memory-safe") {
                s := sload(stateSlot.slot)
            }
            // State word: minted 0..31, maxSupply 32..63, closeAt 64..103, pending 104..207, phaseCount 208..215,
            // referralBps 216..231, royaltyBps 232..247, licence 248..255.
            firstNumber = _takeSupplyWord(editionId, s, quantity);
            uint256 referralCredit;
            if (referrer != address(0)) {
                _checkReferrer(referrer, to);
                referralCredit = (paid * ((s >> 216) & 0xffff)) / _BPS;
            }
            uint256 revenue = paid - referralCredit;
            if (p >> 255 != 0) {
                // Priced in an ERC-20: credited at once in the token, nothing pending; the payment is pulled last.
                _chargeInCurrency(editionId, phase, referrer, referralCredit, revenue);
                revenue = 0;
            } else if (referralCredit != 0) {
                _credit(referrer, referralCredit);
            }
            // minted + quantity fits 32 bits (checked in {_takeSupplyWord}). `pending` (104 bits, 2e31 wei) holds
            // ETH really paid, far below that; checked anyway so that no field can ever spill into the next one.
            if (((s >> 104) & _MASK_104) + revenue > _MASK_104) revert RevenueOverflow(editionId);
            s += quantity + (revenue << 104);
            assembly ("memory-safe") {
                sstore(stateSlot.slot, s)
            }
        }
        if (p >> 255 != 0) _pull(_phaseCurrency[editionId][phase], paid);
    }

    /// @dev Credits the referral share and the revenue of a mint in a phase priced in an ERC-20.
    function _chargeInCurrency(
        uint256 editionId,
        uint256 phase,
        address referrer,
        uint256 referralCredit,
        uint256 revenue
    ) private {
        address currency = _phaseCurrency[editionId][phase];
        if (!_currencyAllowed[currency]) revert CurrencyNotAllowed(currency);
        if (referralCredit != 0) _creditIn(referrer, currency, referralCredit);
        if (revenue != 0) _creditIn(_payoutSlot[editionId].payout, currency, revenue);
    }

    /// @dev Pulls exactly `amount` of `currency` from the minter; refuses a token that delivers another amount.
    function _pull(address currency, uint256 amount) private {
        IERC20 token = IERC20(currency);
        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), amount);
        uint256 balance = token.balanceOf(address(this));
        if (balance < before || balance - before != amount) {
            revert CurrencyAmountMismatch(currency, amount, balance < before ? 0 : balance - before);
        }
    }

    function _creditIn(address account, address currency, uint256 amount) private {
        uint256 stored = _currencyCredits[account][currency];
        _currencyCredits[account][currency] = stored == 0 ? amount + 1 : stored + amount;
        emit CreditedInCurrency(account, currency, amount);
    }

    function _withdrawCurrency(address account, address currency, address to) private {
        uint256 stored = _currencyCredits[account][currency];
        if (stored <= 1) revert NothingToWithdraw(account);
        uint256 amount = stored - 1;
        _currencyCredits[account][currency] = 1;
        emit WithdrawalInCurrency(account, currency, to, amount);
        IERC20(currency).safeTransfer(to, amount);
    }

    /**
     * @dev Counts `quantity` more copies for the paying account (`msg.sender`, never the recipient `to`) in `phase`;
     * reverts above `walletCap`. Virtual so that a test mock can count the recipient instead.
     */
    function _countWalletMints(
        uint256 editionId,
        uint256 phase,
        address /* to */,
        uint256 quantity,
        uint256 walletCap
    ) internal virtual {
        uint256 word = _walletMints[editionId][msg.sender];
        uint256 shift = 32 * phase;
        uint256 already = (word >> shift) & _NUMBER_MASK;
        if (already + quantity > walletCap) revert WalletCapExceeded(msg.sender, already, walletCap);
        // already + quantity <= walletCap < 2^24: the counter cannot carry into the next phase's bits.
        _walletMints[editionId][msg.sender] = word + (quantity << shift);
    }

    /// @dev A referrer is neither the payer nor the recipient. Virtual so that a test mock can drop the check.
    function _checkReferrer(address referrer, address to) internal view virtual {
        if (referrer == msg.sender || referrer == to) revert SelfReferral(referrer);
    }

    /// @dev Checks the edition's close time and supply cap (state word `s`) for `quantity` more copies and
    /// returns the first new number. Virtual so that a test mock can drop the cap.
    function _takeSupplyWord(uint256 editionId, uint256 s, uint256 quantity) internal view virtual returns (uint256) {
        uint256 closeAt = (s >> 64) & _MASK_40;
        if (closeAt != 0 && block.timestamp >= closeAt) revert EditionClosed(editionId, closeAt);
        uint256 minted = s & _NUMBER_MASK;
        uint256 cap = (s >> 32) & _NUMBER_MASK;
        if (cap == 0) cap = _NUMBER_MASK;
        if (minted + quantity > cap) revert SoldOut(editionId, minted, cap);
        return minted + 1;
    }

    function _onlyCreator(uint256 editionId) internal view {
        _requireEdition(editionId);
        if (address(uint160(editionId >> 96)) != msg.sender) revert NotCreator(editionId, msg.sender);
    }

    function _requireEdition(uint256 editionId) internal view {
        if (_payoutSlot[editionId].payout == address(0)) revert EditionNotFound(editionId);
    }

    /// @dev The content digest from the payout slot (bits 160..255), the royalty slot (64..159) and the id (0..63).
    function _digest(uint256 editionId) internal view returns (bytes32) {
        return
            bytes32(
                (uint256(_payoutSlot[editionId].digestHigh) << 160) |
                    (uint256(_royaltySlot[editionId].digestMid) << 64) |
                    ((editionId >> _NUMBER_BITS) & _MASK_64)
            );
    }

    /// @dev Marks mint approval `nonce` of `editionId` used; reverts if it already was. Virtual for a test mock.
    function _useApprovalNonce(uint256 editionId, uint256 nonce) internal virtual {
        uint256 bit = 1 << (nonce & 0xff);
        uint256 word = _approvalNonces[editionId][nonce >> 8];
        if (word & bit != 0) revert ApprovalNonceUsed(editionId, nonce);
        _approvalNonces[editionId][nonce >> 8] = word | bit;
    }

    /// @dev EIP-712 digest of a mint approval. Virtual so that a test mock can drop the domain.
    function _mintApprovalDigest(
        uint256 editionId,
        uint256 phase,
        address minter,
        uint256 quantity,
        uint256 nonce,
        uint256 deadline
    ) internal view virtual returns (bytes32) {
        return
            _hashTypedDataV4(
                keccak256(abi.encode(MINT_APPROVAL_TYPEHASH, editionId, phase, minter, quantity, nonce, deadline))
            );
    }

    /// @dev Adds `amount` to `account`'s credit (the first credit also sets the slot's marker 1).
    function _credit(address account, uint256 amount) internal {
        uint256 stored = _credits[account];
        _credits[account] = stored == 0 ? amount + 1 : stored + amount;
        emit Credited(account, amount);
    }

    /// @dev Pays out all of `account`'s credit to `to`, keeping the marker: effects and event before the call.
    function _withdraw(address account, address payable to) internal {
        uint256 stored = _credits[account];
        if (stored <= 1) revert NothingToWithdraw(account);
        uint256 amount = stored - 1;
        _credits[account] = 1;
        emit Withdrawal(account, to, amount);
        (bool ok, ) = to.call{value: amount}("");
        if (!ok) revert TransferFailed(to, amount);
    }
}
