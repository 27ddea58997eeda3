// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC721Metadata} from "@openzeppelin/contracts/token/ERC721/extensions/IERC721Metadata.sol";
import {ERC721Utils} from "@openzeppelin/contracts/token/ERC721/utils/ERC721Utils.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC2981} from "@openzeppelin/contracts/interfaces/IERC2981.sol";
import {IERC165, ERC165} from "@openzeppelin/contracts/utils/introspection/ERC165.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {CidV1} from "../../libraries/CidV1.sol";
import {Licences} from "../../libraries/Licences.sol";

/**
 * @title TrackCollectionV1 (TEST ONLY: the v1 contract as audited, kept to reproduce its vulnerabilities)
 * @notice Music tracks as 1/1 ERC-721 tokens with ERC-2981 royalties, minted directly by their creator or lazily
 * from a creator-signed EIP-712 voucher that a collector redeems and pays for.
 *
 * @dev Design, chosen for the mint gas goal (a warm mint to a new holder stays near 80k gas):
 * - The token id IS the content: `tokenId == uint256(contentDigest)`, the sha2-256 digest of the CIDv1 dag-pb
 *   folder pinned to IPFS. Storing the digest therefore costs no slot beyond the owner's, and the same content can
 *   never be minted twice (a true 1/1). `tokenURI` rebuilds `ipfs://bafy.../metadata.json` from it (frozen).
 * - One packed slot per token: owner (160) + royalty receiver id (64) + royalty bps (16) + licence (8).
 *   Royalty receivers are interned once in a registry (`receiver => id`), so a creator's second and later mints
 *   to the same receiver (e.g. their split) pay no extra slot.
 * - The generation manifest digest is recorded in the {TrackMinted} event only (it is not needed on-chain).
 * - A slim ERC-721 in OpenZeppelin's style (same errors, same `ERC721Utils` receiver check) instead of OZ's
 *   `ERC721`, whose private `_owners` mapping cannot share a slot with royalty data.
 * - Sale proceeds of vouchers are credited to the creator's payout address (which may be a split) and pulled
 *   with {withdraw}.
 */
contract TrackCollectionV1 is ERC165, IERC721, IERC721Metadata, IERC721Errors, IERC2981, EIP712, ReentrancyGuardTransient {
    /// @notice Highest royalty a token may carry, in basis points (5000 = 50%).
    uint16 public constant MAX_ROYALTY_BPS = 5000;
    uint16 private constant _BPS = 10_000;

    /// @notice EIP-712 type of a lazy-mint voucher.
    bytes32 public constant VOUCHER_TYPEHASH = keccak256(
        "Voucher(address creator,bytes32 content,bytes32 manifest,uint256 price,address royaltyReceiver,uint16 royaltyBps,uint8 licence,uint256 nonce,uint256 deadline)"
    );

    /**
     * @notice A creator's signed offer to mint a track to whoever pays `price` before `deadline`.
     * @param creator Signer; the track's creator (EOA or ERC-1271 contract).
     * @param content sha2-256 digest of the CIDv1 dag-pb folder (becomes the token id).
     * @param manifest Digest of the signed generation manifest.
     * @param price Wei the collector pays; credited to the creator's payout address.
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
        address royaltyReceiver;
        uint16 royaltyBps;
        uint8 licence;
        uint256 nonce;
        uint256 deadline;
    }

    /// @dev Packed into one storage slot.
    struct Token {
        address owner;
        uint64 receiverId;
        uint16 royaltyBps;
        uint8 licence;
    }

    string private _name;
    string private _symbol;

    mapping(uint256 tokenId => Token) private _tokens;
    mapping(address owner => uint256) private _balances;
    mapping(uint256 tokenId => address) private _tokenApprovals;
    mapping(address owner => mapping(address operator => bool)) private _operatorApprovals;

    /// @dev Royalty receiver registry; id 0 means "no royalty".
    mapping(address receiver => uint64) private _receiverIds;
    mapping(uint64 id => address) private _receivers;
    uint64 private _receiverCount;

    /// @dev Voucher nonces as bitmaps: creator => word index => 256 flags.
    mapping(address creator => mapping(uint256 word => uint256)) private _nonceBitmap;
    mapping(address creator => address) private _payoutAddresses;
    mapping(address account => uint256) private _credits;

    /// @notice A track was minted. `contentDigest == bytes32(tokenId)`.
    event TrackMinted(
        uint256 indexed tokenId,
        address indexed creator,
        bytes32 contentDigest,
        bytes32 manifestDigest,
        uint8 licence,
        address royaltyReceiver,
        uint16 royaltyBps
    );
    /// @notice A voucher was redeemed by `buyer` for `price` wei, credited to `payout`.
    event VoucherRedeemed(
        address indexed creator,
        uint256 indexed nonce,
        uint256 indexed tokenId,
        address buyer,
        address payout,
        uint256 price
    );
    /// @notice `creator` cancelled voucher nonce `nonce`.
    event NonceCancelled(address indexed creator, uint256 indexed nonce);
    /// @notice `creator` set the address that receives their voucher proceeds.
    event PayoutAddressSet(address indexed creator, address indexed payout);
    /// @notice A new royalty receiver was interned under `id`.
    event RoyaltyReceiverRegistered(address indexed receiver, uint64 indexed id);
    /// @notice `amount` wei of credited proceeds were sent to `account`.
    event Withdrawal(address indexed account, uint256 amount);

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
    /// @notice Sending ETH failed.
    error TransferFailed(address to, uint256 amount);

    constructor(string memory name_, string memory symbol_) EIP712("Motif Tracks", "1") {
        _name = name_;
        _symbol = symbol_;
    }

    // ------------------------------------------------------------------ minting

    /**
     * @notice Mints the track with content digest `content` to `to`; the caller is its creator.
     * @return tokenId `uint256(content)`.
     */
    function mint(
        address to,
        bytes32 content,
        bytes32 manifest,
        address royaltyReceiver,
        uint16 royaltyBps,
        uint8 licence
    ) external returns (uint256 tokenId) {
        tokenId = _mintTrack(msg.sender, to, content, manifest, royaltyReceiver, royaltyBps, licence);
        ERC721Utils.checkOnERC721Received(msg.sender, address(0), to, tokenId, "");
    }

    /**
     * @notice Redeems a creator-signed voucher: mints its track to `to` and credits `msg.value` (which must equal
     * the voucher price) to the creator's payout address.
     * @dev A voucher is bound to this chain and contract (EIP-712 domain), to its nonce (used once, cancellable)
     * and to its deadline. Reentrancy through `onERC721Received` is blocked and effects precede the callback.
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
        tokenId = _mintTrack(
            voucher.creator,
            to,
            voucher.content,
            voucher.manifest,
            voucher.royaltyReceiver,
            voucher.royaltyBps,
            voucher.licence
        );
        address payout = payoutAddressOf(voucher.creator);
        _credits[payout] += msg.value;
        emit VoucherRedeemed(voucher.creator, voucher.nonce, tokenId, to, payout, msg.value);
        ERC721Utils.checkOnERC721Received(msg.sender, address(0), to, tokenId, "");
    }

    /// @notice Cancels the caller's voucher nonce `nonce` so that no voucher signed with it can be redeemed.
    function cancelNonce(uint256 nonce) external {
        _useNonce(msg.sender, nonce);
        emit NonceCancelled(msg.sender, nonce);
    }

    /// @notice Sets where the caller's voucher proceeds are credited (e.g. a split); zero means the caller.
    function setPayoutAddress(address payout) external {
        _payoutAddresses[msg.sender] = payout;
        emit PayoutAddressSet(msg.sender, payout);
    }

    /// @notice Sends all of `account`'s credited proceeds to it. Anyone may call; funds only go to `account`.
    function withdraw(address payable account) external nonReentrant {
        uint256 amount = _credits[account];
        if (amount == 0) revert NothingToWithdraw(account);
        _credits[account] = 0;
        emit Withdrawal(account, amount);
        (bool ok, ) = account.call{value: amount}("");
        if (!ok) revert TransferFailed(account, amount);
    }

    // ------------------------------------------------------------------ views

    /// @notice Whether `creator`'s voucher nonce `nonce` was used or cancelled.
    function nonceUsed(address creator, uint256 nonce) public view returns (bool) {
        return (_nonceBitmap[creator][nonce >> 8] >> (nonce & 0xff)) & 1 == 1;
    }

    /// @notice Where `creator`'s voucher proceeds go (the creator unless set).
    function payoutAddressOf(address creator) public view returns (address) {
        address payout = _payoutAddresses[creator];
        return payout == address(0) ? creator : payout;
    }

    /// @notice Wei credited to `account` and not yet withdrawn.
    function creditsOf(address account) external view returns (uint256) {
        return _credits[account];
    }

    /// @notice EIP-712 digest a creator signs for `voucher` on this chain and contract.
    function voucherDigest(Voucher calldata voucher) external view returns (bytes32) {
        return _voucherDigest(voucher);
    }

    /// @notice Content digest (sha2-256 of the CIDv1 dag-pb folder) of `tokenId`; equals `bytes32(tokenId)`.
    function contentDigestOf(uint256 tokenId) external view returns (bytes32) {
        _requireOwned(tokenId);
        return bytes32(tokenId);
    }

    /// @notice Licence id of `tokenId`.
    function licenceOf(uint256 tokenId) external view returns (uint8) {
        _requireOwned(tokenId);
        return _tokens[tokenId].licence;
    }

    /// @notice URI of the legal text of licence `id`.
    function licenceURI(uint8 id) external pure returns (string memory) {
        return Licences.uri(id);
    }

    /// @notice Short name of licence `id`, e.g. `CC-BY-4.0`.
    function licenceName(uint8 id) external pure returns (string memory) {
        return Licences.name(id);
    }

    /// @inheritdoc IERC2981
    /// @dev Never reverts: unknown tokens and tokens without royalty return `(address(0), 0)`; `mulDiv` cannot
    /// overflow because the result is at most `salePrice`.
    function royaltyInfo(uint256 tokenId, uint256 salePrice) external view returns (address receiver, uint256 amount) {
        Token memory t = _tokens[tokenId];
        if (t.receiverId == 0) return (address(0), 0);
        receiver = _receivers[t.receiverId];
        amount = Math.mulDiv(salePrice, t.royaltyBps, _BPS);
    }

    /// @inheritdoc IERC721Metadata
    function tokenURI(uint256 tokenId) external view returns (string memory) {
        _requireOwned(tokenId);
        return CidV1.metadataURI(bytes32(tokenId));
    }

    /// @inheritdoc IERC721Metadata
    function name() external view returns (string memory) {
        return _name;
    }

    /// @inheritdoc IERC721Metadata
    function symbol() external view returns (string memory) {
        return _symbol;
    }

    /// @inheritdoc IERC165
    function supportsInterface(bytes4 interfaceId) public view override(ERC165, IERC165) returns (bool) {
        return
            interfaceId == type(IERC721).interfaceId ||
            interfaceId == type(IERC721Metadata).interfaceId ||
            interfaceId == type(IERC2981).interfaceId ||
            super.supportsInterface(interfaceId);
    }

    // ------------------------------------------------------------------ ERC-721

    /// @inheritdoc IERC721
    function balanceOf(address owner) external view returns (uint256) {
        if (owner == address(0)) revert ERC721InvalidOwner(address(0));
        return _balances[owner];
    }

    /// @inheritdoc IERC721
    function ownerOf(uint256 tokenId) external view returns (address) {
        return _requireOwned(tokenId);
    }

    /// @inheritdoc IERC721
    function approve(address to, uint256 tokenId) external {
        address owner = _requireOwned(tokenId);
        if (msg.sender != owner && !_operatorApprovals[owner][msg.sender]) revert ERC721InvalidApprover(msg.sender);
        _tokenApprovals[tokenId] = to;
        emit Approval(owner, to, tokenId);
    }

    /// @inheritdoc IERC721
    function setApprovalForAll(address operator, bool approved) external {
        if (operator == address(0)) revert ERC721InvalidOperator(operator);
        _operatorApprovals[msg.sender][operator] = approved;
        emit ApprovalForAll(msg.sender, operator, approved);
    }

    /// @inheritdoc IERC721
    function getApproved(uint256 tokenId) external view returns (address) {
        _requireOwned(tokenId);
        return _tokenApprovals[tokenId];
    }

    /// @inheritdoc IERC721
    function isApprovedForAll(address owner, address operator) external view returns (bool) {
        return _operatorApprovals[owner][operator];
    }

    /// @inheritdoc IERC721
    function transferFrom(address from, address to, uint256 tokenId) public {
        if (to == address(0)) revert ERC721InvalidReceiver(address(0));
        Token storage t = _tokens[tokenId];
        address owner = t.owner;
        if (owner == address(0)) revert ERC721NonexistentToken(tokenId);
        if (owner != from) revert ERC721IncorrectOwner(from, tokenId, owner);
        if (
            msg.sender != owner &&
            !_operatorApprovals[owner][msg.sender] &&
            _tokenApprovals[tokenId] != msg.sender
        ) revert ERC721InsufficientApproval(msg.sender, tokenId);
        delete _tokenApprovals[tokenId];
        unchecked {
            --_balances[from];
            ++_balances[to];
        }
        t.owner = to;
        emit Transfer(from, to, tokenId);
    }

    /// @inheritdoc IERC721
    function safeTransferFrom(address from, address to, uint256 tokenId) external {
        safeTransferFrom(from, to, tokenId, "");
    }

    /// @inheritdoc IERC721
    function safeTransferFrom(address from, address to, uint256 tokenId, bytes memory data) public {
        transferFrom(from, to, tokenId);
        ERC721Utils.checkOnERC721Received(msg.sender, from, to, tokenId, data);
    }

    // ------------------------------------------------------------------ internals

    function _mintTrack(
        address creator,
        address to,
        bytes32 content,
        bytes32 manifest,
        address royaltyReceiver,
        uint16 royaltyBps,
        uint8 licence
    ) internal returns (uint256 tokenId) {
        if (to == address(0)) revert ERC721InvalidReceiver(address(0));
        if (content == bytes32(0)) revert EmptyContent();
        tokenId = uint256(content);
        if (_tokens[tokenId].owner != address(0)) revert ERC721InvalidSender(address(0));
        _validateRoyalty(royaltyReceiver, royaltyBps);
        Licences.check(licence);
        uint64 receiverId = royaltyBps == 0 ? 0 : _receiverId(royaltyReceiver);
        _tokens[tokenId] = Token({owner: to, receiverId: receiverId, royaltyBps: royaltyBps, licence: licence});
        unchecked {
            ++_balances[to];
        }
        emit Transfer(address(0), to, tokenId);
        emit TrackMinted(tokenId, creator, content, manifest, licence, royaltyReceiver, royaltyBps);
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
                    v.royaltyReceiver,
                    v.royaltyBps,
                    v.licence,
                    v.nonce,
                    v.deadline
                )
            );
    }

    function _receiverId(address receiver) private returns (uint64 id) {
        id = _receiverIds[receiver];
        if (id == 0) {
            id = ++_receiverCount;
            _receiverIds[receiver] = id;
            _receivers[id] = receiver;
            emit RoyaltyReceiverRegistered(receiver, id);
        }
    }

    function _requireOwned(uint256 tokenId) internal view returns (address owner) {
        owner = _tokens[tokenId].owner;
        if (owner == address(0)) revert ERC721NonexistentToken(tokenId);
    }
}
