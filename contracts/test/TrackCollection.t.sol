// solhint-disable func-name-mixedcase, one-contract-per-file, use-forbidden-name, gas-custom-errors, gas-increment-by-one
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "./utils/Test.sol";
import {TrackCollection} from "../TrackCollection.sol";
import {Licences} from "../libraries/Licences.sol";
import {CidV1} from "../libraries/CidV1.sol";
import {ITokenVersion} from "../interfaces/ITokenVersion.sol";
import {ERC721} from "solady/src/tokens/ERC721.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC721Metadata} from "@openzeppelin/contracts/token/ERC721/extensions/IERC721Metadata.sol";
import {IERC2981} from "@openzeppelin/contracts/interfaces/IERC2981.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";

/// @dev Receiver that tries to redeem another voucher with the same nonce (reentrancy through onERC721Received).
contract RedeemAgainReceiver is IERC721Receiver {
    TrackCollection.Voucher private _voucher;
    bytes private _signature;
    bool public reentrySucceeded;
    bool private _armed;

    function arm(TrackCollection.Voucher calldata v, bytes calldata sig) external payable {
        _voucher = v;
        _signature = sig;
        _armed = true;
    }

    function onERC721Received(address, address, uint256, bytes calldata) external returns (bytes4) {
        if (_armed) {
            _armed = false;
            TrackCollection.Voucher memory v = _voucher;
            v.content = keccak256("another track");
            (bool ok, ) = msg.sender.call{value: v.price}(
                abi.encodeCall(TrackCollection.redeem, (v, _signature, address(this)))
            );
            reentrySucceeded = ok;
        }
        return IERC721Receiver.onERC721Received.selector;
    }

    receive() external payable {}
}

/// @dev Receiver that records, from inside `onERC721Received`, what the collection already shows about the token.
contract StateProbeReceiver is IERC721Receiver {
    bool public sawOwner;
    bool public sawTrack;
    uint256 public sawCredits;
    bool public sawNonceUsed;
    address private _payout;
    address private _creator;

    function expect(address payout, address creator_) external {
        _payout = payout;
        _creator = creator_;
    }

    function onERC721Received(address, address, uint256 id, bytes calldata) external returns (bytes4) {
        TrackCollection c = TrackCollection(msg.sender);
        sawOwner = c.ownerOf(id) == address(this);
        sawTrack = c.creatorOf(id) == _creator && c.contentDigestOf(id) != bytes32(0);
        sawCredits = c.creditsOf(_payout);
        sawNonceUsed = c.nonceUsed(_creator, 5);
        return IERC721Receiver.onERC721Received.selector;
    }
}

/// @dev A contract that can neither receive ERC-721 tokens nor plain ETH.
contract NotAReceiver {}

/// @dev A contract wallet without `receive` (plain ETH reverts) that can still make calls, like a Safe without a
/// fallback handler.
contract CallOnlyWallet {
    function execute(address target, bytes calldata data) external returns (bool ok) {
        (ok, ) = target.call(data);
    }
}

contract TrackCollectionTest is Test {
    TrackCollection internal c;
    uint256 internal creatorKey = 0xC0FFEE;
    address internal creator;
    address internal collector = address(0xC011);
    address internal holder = address(0xB0B);
    address internal receiver = address(0x5EC);
    bytes32 internal constant CONTENT = 0x7d0c43beb087fdf3c6e91475a1b1d85bae31d9d16233b4f77dec955d31b2fab3;
    bytes32 internal constant MANIFEST = keccak256("manifest");

    event TrackMinted(
        uint256 indexed tokenId,
        address indexed creator,
        bytes32 contentDigest,
        bytes32 manifestDigest,
        uint8 licence,
        address royaltyReceiver,
        uint16 royaltyBps
    );
    event VoucherRedeemed(
        address indexed creator,
        uint256 indexed nonce,
        uint256 indexed tokenId,
        address buyer,
        address payout,
        uint256 price
    );
    event Withdrawal(address indexed account, address indexed to, uint256 amount);

    function setUp() public {
        c = new TrackCollection("Motif Tracks", "MOTIF");
        creator = vm.addr(creatorKey);
        vm.deal(collector, 100 ether);
    }

    function _mint(bytes32 content, address to) internal returns (uint256) {
        vm.prank(creator);
        return c.mint(to, content, MANIFEST, receiver, 500, Licences.CC_BY_4_0);
    }

    function _voucher(uint256 nonce) internal view returns (TrackCollection.Voucher memory) {
        return
            TrackCollection.Voucher({
                creator: creator,
                content: keccak256(abi.encode("voucher", nonce)),
                manifest: MANIFEST,
                price: 1 ether,
                payout: creator,
                royaltyReceiver: receiver,
                royaltyBps: 1000,
                licence: Licences.CBE_COMMERCIAL,
                nonce: nonce,
                deadline: block.timestamp + 1 days
            });
    }

    function _sign(TrackCollection target, TrackCollection.Voucher memory v) internal view returns (bytes memory) {
        return signDigest(creatorKey, target.voucherDigest(v));
    }

    // ---------------------------------------------------------------- ids and mint

    function test_trackId_layout() public view {
        uint256 id = c.trackId(creator, CONTENT);
        assertEq(id >> 96, uint256(uint160(creator)));
        assertEq(id & type(uint96).max, uint256(CONTENT) & type(uint96).max);
        assertEq(c.trackId(address(0), bytes32(type(uint256).max)), type(uint96).max);
    }

    function test_mint_recordsTrack() public {
        uint256 expected = c.trackId(creator, CONTENT);
        vm.expectEmit();
        emit TrackMinted(expected, creator, CONTENT, MANIFEST, Licences.CC_BY_4_0, receiver, 500);
        uint256 id = _mint(CONTENT, holder);
        assertEq(id, expected);
        assertEq(c.ownerOf(id), holder);
        assertEq(c.balanceOf(holder), 1);
        assertEq(c.creatorOf(id), creator);
        assertEq(c.contentDigestOf(id), CONTENT);
        assertEq(uint256(c.licenceOf(id)), Licences.CC_BY_4_0);
        assertEq(c.tokenVersion(id), 0);
        (address r, uint256 amount) = c.royaltyInfo(id, 1 ether);
        assertEq(r, receiver);
        assertEq(amount, 0.05 ether);
    }

    function test_tokenURI_isCidV1Base32OfDigest() public {
        uint256 id = _mint(CONTENT, holder);
        // Reference value from the `multiformats` JS library: CID.createV1(0x70, sha256("motif")).
        assertEq(c.tokenURI(id), "ipfs://bafybeid5brb35meh7xz4n2iuowq3dwc3vyy5tulcgo2po7pmsvotdmx2wm/metadata.json");
        uint256 ff = _mint(bytes32(type(uint256).max), holder);
        assertEq(c.tokenURI(ff), "ipfs://bafybeih777777777777777777777777777777777777777777777777774/metadata.json");
    }

    function test_unknownToken_viewsRevert() public {
        uint256 id = c.trackId(creator, CONTENT);
        vm.expectRevert(ERC721.TokenDoesNotExist.selector);
        c.tokenURI(id);
        vm.expectRevert(ERC721.TokenDoesNotExist.selector);
        c.creatorOf(id);
        vm.expectRevert(ERC721.TokenDoesNotExist.selector);
        c.contentDigestOf(id);
        vm.expectRevert(ERC721.TokenDoesNotExist.selector);
        c.licenceOf(id);
        vm.expectRevert(ERC721.TokenDoesNotExist.selector);
        c.tokenVersion(id);
        vm.expectRevert(ERC721.TokenDoesNotExist.selector);
        c.ownerOf(id);
        vm.expectRevert(ERC721.TokenDoesNotExist.selector);
        c.getApproved(id);
        (address r, uint256 amount) = c.royaltyInfo(id, 1 ether);
        assertEq(r, address(0));
        assertEq(amount, 0);
    }

    function test_mint_revertsOnDuplicateContentBySameCreator() public {
        _mint(CONTENT, holder);
        vm.expectRevert(ERC721.TokenAlreadyExists.selector);
        _mint(CONTENT, collector);
        // Same low 96 bits, different digest: same id in the creator's namespace, so also taken (documented).
        bytes32 sameLow = bytes32(uint256(CONTENT) ^ (uint256(1) << 200));
        vm.expectRevert(ERC721.TokenAlreadyExists.selector);
        _mint(sameLow, collector);
    }

    function test_mint_sameContentByOtherCreatorGetsItsOwnId() public {
        uint256 mine = _mint(CONTENT, holder);
        vm.prank(collector);
        uint256 theirs = c.mint(collector, CONTENT, MANIFEST, collector, 100, 0);
        assertTrue(mine != theirs, "ids collide");
        assertEq(c.creatorOf(mine), creator);
        assertEq(c.creatorOf(theirs), collector);
        assertEq(c.contentDigestOf(theirs), CONTENT);
    }

    function test_mint_revertsOnZeroRecipient() public {
        vm.expectRevert(ERC721.TransferToZeroAddress.selector);
        _mint(CONTENT, address(0));
    }

    function test_mint_revertsOnEmptyContent() public {
        vm.expectRevert(TrackCollection.EmptyContent.selector);
        _mint(bytes32(0), holder);
    }

    function test_mint_revertsOnRoyaltyAboveCap() public {
        vm.expectRevert(abi.encodeWithSelector(TrackCollection.RoyaltyTooHigh.selector, 5001, 5000));
        c.mint(holder, CONTENT, MANIFEST, receiver, 5001, 0);
    }

    function test_mint_acceptsRoyaltyAtCap() public {
        uint256 id = c.mint(holder, CONTENT, MANIFEST, receiver, 5000, 0);
        (, uint256 amount) = c.royaltyInfo(id, 100);
        assertEq(amount, 50);
    }

    function test_mint_revertsOnRoyaltyWithoutReceiver() public {
        vm.expectRevert(TrackCollection.RoyaltyReceiverZero.selector);
        c.mint(holder, CONTENT, MANIFEST, address(0), 100, 0);
    }

    function test_mint_zeroRoyaltyMeansNone() public {
        uint256 id = c.mint(holder, CONTENT, MANIFEST, receiver, 0, 0);
        (address r, uint256 amount) = c.royaltyInfo(id, 1 ether);
        assertEq(r, address(0));
        assertEq(amount, 0);
    }

    function test_mint_revertsOnUnknownLicence() public {
        vm.expectRevert(abi.encodeWithSelector(Licences.UnknownLicence.selector, 13));
        c.mint(holder, CONTENT, MANIFEST, receiver, 100, 13);
    }

    function test_mint_revertsForNonReceiverContract() public {
        address bad = address(new NotAReceiver());
        vm.expectRevert(ERC721.TransferToNonERC721ReceiverImplementer.selector);
        c.mint(bad, CONTENT, MANIFEST, receiver, 100, 0);
    }

    /// forge-config: default.fuzz.runs = 10000
    function testFuzz_mint_roundTrip(
        address who,
        bytes32 content,
        bytes32 manifest,
        address royaltyReceiver,
        uint16 bps,
        uint8 licence,
        uint256 price
    ) public {
        vm.assume(who != address(0) && content != bytes32(0));
        bps = uint16(bound(bps, 0, 5000));
        licence = uint8(bound(licence, 0, Licences.COUNT - 1));
        if (bps != 0) vm.assume(royaltyReceiver != address(0));
        vm.prank(who);
        uint256 id = c.mint(holder, content, manifest, royaltyReceiver, bps, licence);
        assertEq(id, c.trackId(who, content));
        assertEq(c.creatorOf(id), who);
        assertEq(c.contentDigestOf(id), content);
        assertEq(uint256(c.licenceOf(id)), licence);
        assertEq(c.tokenVersion(id), 0);
        assertEq(c.ownerOf(id), holder);
        assertEq(c.tokenURI(id), CidV1.metadataURI(content));
        (address r, uint256 amount) = c.royaltyInfo(id, price);
        assertEq(r, bps == 0 ? address(0) : royaltyReceiver);
        assertLe(amount, price, "royalty above price");
        assertEq(amount, bps == 0 ? 0 : _mulDivDown(price, bps, 10_000));
    }

    function _mulDivDown(uint256 x, uint256 y, uint256 d) internal pure returns (uint256) {
        // x * y / d without overflow for y <= 5000: split x.
        return (x / d) * y + ((x % d) * y) / d;
    }

    // ---------------------------------------------------------------- royalties

    /// forge-config: default.fuzz.runs = 10000
    function testFuzz_royaltyInfo_neverRevertsNorOverflows(uint256 price, uint16 bps, uint256 tokenId) public {
        bps = uint16(bound(bps, 1, 5000));
        uint256 id = c.mint(holder, CONTENT, MANIFEST, receiver, bps, 0);
        (, uint256 amount) = c.royaltyInfo(id, price);
        assertLe(amount, price, "royalty above price");
        assertLe(amount, price / 2 + 1, "royalty above cap");
        // Any token id, existing or not, answers without reverting.
        c.royaltyInfo(tokenId, price);
    }

    function test_royaltyInfo_maxPrice() public {
        uint256 id = c.mint(holder, CONTENT, MANIFEST, receiver, 5000, 0);
        (, uint256 amount) = c.royaltyInfo(id, type(uint256).max);
        assertEq(amount, type(uint256).max / 2);
    }

    function test_royaltyReceiver_perToken() public {
        uint256 a = _mint(CONTENT, holder);
        vm.prank(creator);
        uint256 b = c.mint(holder, keccak256("two"), MANIFEST, address(0x5B11), 700, 0);
        (address ra, ) = c.royaltyInfo(a, 1);
        (address rb, uint256 amount) = c.royaltyInfo(b, 10_000);
        assertEq(ra, receiver);
        assertEq(rb, address(0x5B11));
        assertEq(amount, 700);
    }

    // ---------------------------------------------------------------- licences

    function test_licences_namesAndUrisForEveryId() public view {
        assertEq(uint256(c.licenceCount()), 13);
        assertLe(c.licenceCount(), 16, "licence ids must fit the 4 bits a token stores");
        string[13] memory names = [
            "CBE-PUBLIC",
            "CBE-EXCLUSIVE",
            "CBE-COMMERCIAL",
            "CBE-COMMERCIAL-NO-HATE",
            "CBE-PERSONAL",
            "CBE-PERSONAL-NO-HATE",
            "CC0-1.0",
            "CC-BY-4.0",
            "CC-BY-SA-4.0",
            "CC-BY-NC-4.0",
            "CC-BY-NC-SA-4.0",
            "CC-BY-ND-4.0",
            "CC-BY-NC-ND-4.0"
        ];
        string[13] memory uris = [
            "ar://zmc1WTspIhFyVY82bwfAIcIExLFH5lUcHHUN0wXg4W8/0",
            "ar://zmc1WTspIhFyVY82bwfAIcIExLFH5lUcHHUN0wXg4W8/1",
            "ar://zmc1WTspIhFyVY82bwfAIcIExLFH5lUcHHUN0wXg4W8/2",
            "ar://zmc1WTspIhFyVY82bwfAIcIExLFH5lUcHHUN0wXg4W8/3",
            "ar://zmc1WTspIhFyVY82bwfAIcIExLFH5lUcHHUN0wXg4W8/4",
            "ar://zmc1WTspIhFyVY82bwfAIcIExLFH5lUcHHUN0wXg4W8/5",
            "https://creativecommons.org/publicdomain/zero/1.0/",
            "https://creativecommons.org/licenses/by/4.0/",
            "https://creativecommons.org/licenses/by-sa/4.0/",
            "https://creativecommons.org/licenses/by-nc/4.0/",
            "https://creativecommons.org/licenses/by-nc-sa/4.0/",
            "https://creativecommons.org/licenses/by-nd/4.0/",
            "https://creativecommons.org/licenses/by-nc-nd/4.0/"
        ];
        for (uint8 id = 0; id < 13; ++id) {
            assertEq(c.licenceName(id), names[id]);
            assertEq(c.licenceURI(id), uris[id]);
        }
        assertEq(uint256(Licences.CBE_PUBLIC), 0);
        assertEq(uint256(Licences.CBE_EXCLUSIVE), 1);
        assertEq(uint256(Licences.CBE_COMMERCIAL), 2);
        assertEq(uint256(Licences.CBE_COMMERCIAL_NO_HATE), 3);
        assertEq(uint256(Licences.CBE_PERSONAL), 4);
        assertEq(uint256(Licences.CBE_PERSONAL_NO_HATE), 5);
        assertEq(uint256(Licences.CC0_1_0), 6);
        assertEq(uint256(Licences.CC_BY_NC_ND_4_0), 12);
    }

    function test_licences_revertOnUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(Licences.UnknownLicence.selector, 13));
        c.licenceName(13);
        vm.expectRevert(abi.encodeWithSelector(Licences.UnknownLicence.selector, 255));
        c.licenceURI(255);
    }

    function test_licenceOf_everyId() public {
        for (uint8 id = 0; id < 13; ++id) {
            vm.prank(creator);
            uint256 tokenId = c.mint(holder, bytes32(uint256(id) + 1), MANIFEST, receiver, 5000, id);
            assertEq(uint256(c.licenceOf(tokenId)), id);
        }
    }

    // ---------------------------------------------------------------- ERC-721 and ERC-165

    function test_metadataAndInterfaces() public view {
        assertEq(c.name(), "Motif Tracks");
        assertEq(c.symbol(), "MOTIF");
        assertTrue(c.supportsInterface(type(IERC721).interfaceId));
        assertTrue(c.supportsInterface(type(IERC721Metadata).interfaceId));
        assertTrue(c.supportsInterface(type(IERC2981).interfaceId));
        assertTrue(c.supportsInterface(type(IERC165).interfaceId));
        assertTrue(c.supportsInterface(type(ITokenVersion).interfaceId));
        assertFalse(c.supportsInterface(0xffffffff));
    }

    function test_transferFrom_byOwnerApprovedAndOperator() public {
        uint256 id = _mint(CONTENT, holder);
        vm.prank(holder);
        c.transferFrom(holder, collector, id);
        assertEq(c.ownerOf(id), collector);
        assertEq(c.balanceOf(holder), 0);
        assertEq(c.balanceOf(collector), 1);
        vm.prank(collector);
        c.approve(holder, id);
        assertEq(c.getApproved(id), holder);
        vm.prank(holder);
        c.safeTransferFrom(collector, holder, id);
        assertEq(c.getApproved(id), address(0));
        vm.prank(holder);
        c.setApprovalForAll(collector, true);
        assertTrue(c.isApprovedForAll(holder, collector));
        vm.prank(collector);
        c.safeTransferFrom(holder, collector, id, "");
        assertEq(c.ownerOf(id), collector);
        assertEq(c.tokenVersion(id), 3);
        assertEq(c.balanceOf(holder), 0);
        assertEq(c.balanceOf(collector), 1);
    }

    function test_transfer_reverts() public {
        uint256 id = _mint(CONTENT, holder);
        vm.expectRevert(ERC721.NotOwnerNorApproved.selector);
        vm.prank(collector);
        c.transferFrom(holder, collector, id);
        vm.expectRevert(ERC721.TransferFromIncorrectOwner.selector);
        vm.prank(holder);
        c.transferFrom(collector, holder, id);
        vm.expectRevert(ERC721.TransferToZeroAddress.selector);
        vm.prank(holder);
        c.transferFrom(holder, address(0), id);
        vm.expectRevert(ERC721.TokenDoesNotExist.selector);
        c.transferFrom(holder, collector, 42);
        address bad = address(new NotAReceiver());
        vm.expectRevert(ERC721.TransferToNonERC721ReceiverImplementer.selector);
        vm.prank(holder);
        c.safeTransferFrom(holder, bad, id);
        assertEq(c.tokenVersion(id), 0);
    }

    function test_approvals_revert() public {
        uint256 id = _mint(CONTENT, holder);
        vm.expectRevert(ERC721.NotOwnerNorApproved.selector);
        vm.prank(collector);
        c.approve(collector, id);
        vm.expectRevert(ERC721.BalanceQueryForZeroAddress.selector);
        c.balanceOf(address(0));
        vm.expectRevert(ERC721.TokenDoesNotExist.selector);
        c.approve(collector, 9);
    }

    function test_operatorMayApprove() public {
        uint256 id = _mint(CONTENT, holder);
        vm.prank(holder);
        c.setApprovalForAll(collector, true);
        vm.prank(collector);
        c.approve(receiver, id);
        assertEq(c.getApproved(id), receiver);
        vm.prank(receiver);
        c.transferFrom(holder, receiver, id);
        assertEq(c.ownerOf(id), receiver);
        assertEq(c.getApproved(id), address(0));
    }

    /// @dev The per-owner approval count: approvals are cleared exactly when their token moves, whoever moves it,
    /// and an owner's other tokens are unaffected.
    function test_approvals_clearedOnMove() public {
        uint256 a = _mint(CONTENT, holder);
        uint256 b = _mint(keccak256("b"), holder);
        vm.startPrank(holder);
        c.approve(receiver, a);
        c.transferFrom(holder, collector, b); // b has no approval; a's stays
        assertEq(c.getApproved(a), receiver);
        c.transferFrom(holder, collector, a); // owner moves a: its approval is cleared
        vm.stopPrank();
        assertEq(c.getApproved(a), address(0));
        vm.expectRevert(ERC721.NotOwnerNorApproved.selector);
        vm.prank(receiver);
        c.transferFrom(collector, receiver, a);
        // Re-approve, revoke, re-approve on another token: the count follows.
        vm.startPrank(collector);
        c.approve(receiver, a);
        c.approve(address(0), a);
        c.approve(holder, b);
        c.approve(receiver, b); // replacing an approval keeps the count at one
        vm.stopPrank();
        vm.prank(receiver);
        c.transferFrom(collector, holder, b);
        assertEq(c.getApproved(b), address(0));
        assertEq(c.ownerOf(b), holder);
        vm.prank(collector);
        c.transferFrom(collector, holder, a);
        assertEq(c.balanceOf(holder), 2);
        assertEq(c.balanceOf(collector), 0);
    }

    function test_tokenVersion_bumpsOnEveryTransferIncludingSelf() public {
        uint256 id = _mint(CONTENT, holder);
        vm.startPrank(holder);
        c.transferFrom(holder, holder, id);
        assertEq(c.tokenVersion(id), 1);
        assertEq(c.balanceOf(holder), 1);
        c.safeTransferFrom(holder, collector, id);
        vm.stopPrank();
        assertEq(c.tokenVersion(id), 2);
    }

    /// @dev 15 bits: the version wraps to 0 after 32,768 transfers, and nothing else in the slot changes.
    function test_tokenVersion_wrapsAfter32768Transfers() public {
        uint256 id = _mint(CONTENT, holder);
        vm.prank(holder);
        c.setApprovalForAll(address(this), true);
        vm.prank(collector);
        c.setApprovalForAll(address(this), true);
        address from = holder;
        address to = collector;
        for (uint256 i = 1; i <= 32_768; ++i) {
            c.transferFrom(from, to, id);
            (from, to) = (to, from);
        }
        assertEq(c.tokenVersion(id), 0);
        assertEq(c.ownerOf(id), holder);
        assertEq(c.contentDigestOf(id), CONTENT);
        assertEq(uint256(c.licenceOf(id)), Licences.CC_BY_4_0);
        (address r, uint256 amount) = c.royaltyInfo(id, 1 ether);
        assertEq(r, receiver);
        assertEq(amount, 0.05 ether);
    }

    /// @dev Packing: every field survives any sequence of transfers and the version counts them.
    /// forge-config: default.fuzz.runs = 10000
    function testFuzz_packing_fieldsSurviveTransfers(
        bytes32 content,
        address royaltyReceiver,
        uint16 bps,
        uint8 licence,
        uint8[6] calldata moves
    ) public {
        vm.assume(content != bytes32(0) && royaltyReceiver != address(0));
        bps = uint16(bound(bps, 1, 5000));
        licence = uint8(bound(licence, 0, Licences.COUNT - 1));
        vm.prank(creator);
        uint256 id = c.mint(holder, content, MANIFEST, royaltyReceiver, bps, licence);
        address[3] memory actors = [holder, collector, receiver];
        for (uint256 i = 0; i < moves.length; ++i) {
            address owner = c.ownerOf(id);
            address to = actors[moves[i] % 3];
            uint256 how = (moves[i] / 3) % 3;
            if (how == 0) {
                vm.prank(owner);
                c.transferFrom(owner, to, id);
            } else if (how == 1) {
                vm.prank(owner);
                c.approve(address(0xA77), id);
                vm.prank(address(0xA77));
                c.transferFrom(owner, to, id);
            } else {
                vm.prank(owner);
                c.setApprovalForAll(address(0x0EE), true);
                vm.prank(address(0x0EE));
                c.safeTransferFrom(owner, to, id);
            }
            assertEq(c.ownerOf(id), to);
            assertEq(c.getApproved(id), address(0));
            assertEq(c.tokenVersion(id), i + 1);
            assertEq(c.creatorOf(id), creator);
            assertEq(c.contentDigestOf(id), content);
            assertEq(uint256(c.licenceOf(id)), licence);
            (address r, uint256 amount) = c.royaltyInfo(id, 10_000);
            assertEq(r, royaltyReceiver);
            assertEq(amount, bps);
        }
        assertEq(c.balanceOf(holder) + c.balanceOf(collector) + c.balanceOf(receiver), 1);
    }

    // ---------------------------------------------------------------- vouchers

    function test_voucher_typeHashAndDomain() public view {
        assertEq(
            c.VOUCHER_TYPEHASH(),
            keccak256(
                "Voucher(address creator,bytes32 content,bytes32 manifest,uint256 price,address payout,address royaltyReceiver,uint16 royaltyBps,uint8 licence,uint256 nonce,uint256 deadline)"
            )
        );
        (, string memory name, string memory version, uint256 chainId, address verifying, , ) = c.eip712Domain();
        assertEq(name, "Motif Tracks");
        assertEq(version, "2");
        assertEq(chainId, block.chainid);
        assertEq(verifying, address(c));
    }

    function test_redeem_mintsAndCreditsPayout() public {
        TrackCollection.Voucher memory v = _voucher(1);
        v.payout = address(0x5B117);
        bytes memory sig = _sign(c, v);
        uint256 expected = c.trackId(creator, v.content);
        vm.expectEmit();
        emit VoucherRedeemed(creator, 1, expected, collector, address(0x5B117), 1 ether);
        vm.prank(collector);
        uint256 id = c.redeem{value: 1 ether}(v, sig, collector);
        assertEq(id, expected);
        assertEq(c.ownerOf(id), collector);
        assertEq(c.creatorOf(id), creator);
        assertEq(c.contentDigestOf(id), v.content);
        assertEq(c.creditsOf(address(0x5B117)), 1 ether);
        assertEq(c.creditsOf(creator), 0);
        assertTrue(c.nonceUsed(creator, 1));
        (address r, uint256 amount) = c.royaltyInfo(id, 1 ether);
        assertEq(r, receiver);
        assertEq(amount, 0.1 ether);
        vm.expectEmit();
        emit Withdrawal(address(0x5B117), address(0x5B117), 1 ether);
        c.withdraw(payable(address(0x5B117)));
        assertEq(address(0x5B117).balance, 1 ether);
        assertEq(c.creditsOf(address(0x5B117)), 0);
    }

    function test_redeem_zeroPayoutMeansCreator() public {
        TrackCollection.Voucher memory v = _voucher(2);
        v.payout = address(0);
        bytes memory sig = _sign(c, v);
        vm.prank(collector);
        c.redeem{value: 1 ether}(v, sig, collector);
        assertEq(c.creditsOf(creator), 1 ether);
    }

    function test_redeem_revertsOnTamperedPayout() public {
        TrackCollection.Voucher memory v = _voucher(1);
        bytes memory sig = _sign(c, v);
        v.payout = collector;
        vm.expectRevert(TrackCollection.InvalidVoucherSignature.selector);
        vm.prank(collector);
        c.redeem{value: 1 ether}(v, sig, collector);
    }

    function test_redeem_revertsAfterDeadline() public {
        TrackCollection.Voucher memory v = _voucher(1);
        bytes memory sig = _sign(c, v);
        vm.warp(v.deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(TrackCollection.VoucherExpired.selector, v.deadline));
        vm.prank(collector);
        c.redeem{value: 1 ether}(v, sig, collector);
    }

    function test_redeem_revertsOnWrongPayment() public {
        TrackCollection.Voucher memory v = _voucher(1);
        bytes memory sig = _sign(c, v);
        vm.expectRevert(abi.encodeWithSelector(TrackCollection.WrongPayment.selector, 0.5 ether, 1 ether));
        vm.prank(collector);
        c.redeem{value: 0.5 ether}(v, sig, collector);
    }

    function test_redeem_revertsOnTamperedVoucher() public {
        TrackCollection.Voucher memory v = _voucher(1);
        bytes memory sig = _sign(c, v);
        v.price = 0;
        vm.expectRevert(TrackCollection.InvalidVoucherSignature.selector);
        vm.prank(collector);
        c.redeem(v, sig, collector);
    }

    function test_redeem_revertsOnSignatureByOther() public {
        TrackCollection.Voucher memory v = _voucher(1);
        bytes memory sig = signDigest(0xBAD, c.voucherDigest(v));
        vm.expectRevert(TrackCollection.InvalidVoucherSignature.selector);
        vm.prank(collector);
        c.redeem{value: 1 ether}(v, sig, collector);
    }

    function test_redeem_revertsOnReuse() public {
        TrackCollection.Voucher memory v = _voucher(1);
        bytes memory sig = _sign(c, v);
        vm.prank(collector);
        c.redeem{value: 1 ether}(v, sig, collector);
        vm.expectRevert(abi.encodeWithSelector(TrackCollection.VoucherNonceUsed.selector, creator, 1));
        vm.prank(collector);
        c.redeem{value: 1 ether}(v, sig, collector);
    }

    function test_redeem_revertsAfterCancel() public {
        TrackCollection.Voucher memory v = _voucher(3);
        bytes memory sig = _sign(c, v);
        vm.prank(creator);
        c.cancelNonce(3);
        assertTrue(c.nonceUsed(creator, 3));
        vm.expectRevert(abi.encodeWithSelector(TrackCollection.VoucherNonceUsed.selector, creator, 3));
        vm.prank(collector);
        c.redeem{value: 1 ether}(v, sig, collector);
    }

    function test_cancelNonce_revertsTwice() public {
        vm.startPrank(creator);
        c.cancelNonce(300);
        vm.expectRevert(abi.encodeWithSelector(TrackCollection.VoucherNonceUsed.selector, creator, 300));
        c.cancelNonce(300);
        vm.stopPrank();
        assertFalse(c.nonceUsed(creator, 301));
    }

    function test_redeem_revertsOnOtherChain() public {
        TrackCollection.Voucher memory v = _voucher(1);
        bytes memory sig = _sign(c, v);
        vm.chainId(8453);
        vm.expectRevert(TrackCollection.InvalidVoucherSignature.selector);
        vm.prank(collector);
        c.redeem{value: 1 ether}(v, sig, collector);
    }

    function test_redeem_revertsOnOtherContract() public {
        TrackCollection other = new TrackCollection("Motif Tracks", "MOTIF");
        TrackCollection.Voucher memory v = _voucher(1);
        bytes memory sig = _sign(c, v);
        vm.expectRevert(TrackCollection.InvalidVoucherSignature.selector);
        vm.prank(collector);
        other.redeem{value: 1 ether}(v, sig, collector);
    }

    function test_redeem_reentrancyThroughReceiverFails() public {
        RedeemAgainReceiver attacker = new RedeemAgainReceiver();
        vm.deal(address(attacker), 2 ether);
        TrackCollection.Voucher memory v = _voucher(9);
        bytes memory sig = _sign(c, v);
        attacker.arm(v, sig);
        vm.prank(collector);
        c.redeem{value: 1 ether}(v, sig, address(attacker));
        assertFalse(attacker.reentrySucceeded());
        assertEq(c.balanceOf(address(attacker)), 1);
        assertEq(c.creditsOf(creator), 1 ether);
    }

    /// @dev Checks-effects-interactions: when the receiver callback runs, the token, its track data, the nonce and
    /// the payout's credit are all recorded.
    function test_redeem_effectsPrecedeReceiverCallback() public {
        StateProbeReceiver probe = new StateProbeReceiver();
        TrackCollection.Voucher memory v = _voucher(5);
        probe.expect(v.payout, creator);
        bytes memory sig = _sign(c, v);
        vm.prank(collector);
        c.redeem{value: 1 ether}(v, sig, address(probe));
        assertTrue(probe.sawOwner(), "owner not set");
        assertTrue(probe.sawTrack(), "track data not set");
        assertTrue(probe.sawNonceUsed(), "nonce not used");
        assertEq(probe.sawCredits(), 1 ether);
    }

    /// @dev A voucher redeems at most once: any second redemption under the same nonce (same voucher, or another
    /// content signed with that nonce) reverts, and only the first price is credited.
    /// forge-config: default.fuzz.runs = 10000
    function testFuzz_redeem_onlyOncePerNonce(uint256 nonce, uint96 price, bool sameVoucher) public {
        TrackCollection.Voucher memory v = _voucher(nonce);
        v.price = price;
        bytes memory sig = _sign(c, v);
        vm.deal(collector, uint256(price) * 2);
        vm.prank(collector);
        c.redeem{value: price}(v, sig, collector);
        if (!sameVoucher) {
            v.content = keccak256(abi.encode(v.content));
            sig = _sign(c, v);
        }
        vm.expectRevert(abi.encodeWithSelector(TrackCollection.VoucherNonceUsed.selector, creator, nonce));
        vm.prank(collector);
        c.redeem{value: price}(v, sig, collector);
        assertEq(c.creditsOf(creator), price);
        assertEq(c.balanceOf(collector), 1);
    }

    function test_withdraw_revertsWhenEmpty() public {
        vm.expectRevert(abi.encodeWithSelector(TrackCollection.NothingToWithdraw.selector, holder));
        c.withdraw(payable(holder));
        vm.expectRevert(abi.encodeWithSelector(TrackCollection.NothingToWithdraw.selector, holder));
        vm.prank(holder);
        c.withdrawTo(payable(holder));
    }

    function test_withdraw_rejectingPayoutCollectsWithWithdrawTo() public {
        CallOnlyWallet wallet = new CallOnlyWallet();
        TrackCollection.Voucher memory v = _voucher(1);
        v.payout = address(wallet);
        bytes memory sig = _sign(c, v);
        vm.prank(collector);
        c.redeem{value: 1 ether}(v, sig, collector);
        vm.expectRevert(abi.encodeWithSelector(TrackCollection.TransferFailed.selector, address(wallet), 1 ether));
        c.withdraw(payable(address(wallet)));
        vm.expectEmit();
        emit Withdrawal(address(wallet), holder, 1 ether);
        assertTrue(wallet.execute(address(c), abi.encodeCall(TrackCollection.withdrawTo, (payable(holder)))));
        assertEq(holder.balance, 1 ether);
        assertEq(c.creditsOf(address(wallet)), 0);
        assertEq(address(c).balance, 0);
    }

    function test_withdrawTo_revertsOnZero() public {
        vm.expectRevert(TrackCollection.WithdrawToZero.selector);
        c.withdrawTo(payable(address(0)));
    }
}

/// @dev An ERC-1271 smart-account creator that approves exactly one digest.
contract ContractCreator {
    bytes32 public approved;

    function approve(bytes32 digest) external {
        approved = digest;
    }

    function isValidSignature(bytes32 digest, bytes calldata) external view returns (bytes4) {
        return digest == approved ? bytes4(0x1626ba7e) : bytes4(0xffffffff);
    }

    function onERC721Received(address, address, uint256, bytes calldata) external pure returns (bytes4) {
        return this.onERC721Received.selector;
    }
}

contract TrackCollectionErc1271Test is Test {
    function test_redeem_acceptsErc1271CreatorSignature() public {
        TrackCollection c = new TrackCollection("Motif Tracks", "MOTIF");
        ContractCreator wallet = new ContractCreator();
        TrackCollection.Voucher memory v = TrackCollection.Voucher({
            creator: address(wallet),
            content: keccak256("smart account track"),
            manifest: bytes32(0),
            price: 0,
            payout: address(wallet),
            royaltyReceiver: address(wallet),
            royaltyBps: 100,
            licence: 0,
            nonce: 1,
            deadline: block.timestamp
        });
        vm.expectRevert(TrackCollection.InvalidVoucherSignature.selector);
        c.redeem(v, "", address(this));
        wallet.approve(c.voucherDigest(v));
        uint256 id = c.redeem(v, "", address(wallet));
        assertEq(c.ownerOf(id), address(wallet));
        assertEq(c.creatorOf(id), address(wallet));
    }
}
