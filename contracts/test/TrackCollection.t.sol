// solhint-disable func-name-mixedcase, one-contract-per-file, use-forbidden-name, gas-custom-errors, gas-increment-by-one
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "./utils/Test.sol";
import {TrackCollection} from "../TrackCollection.sol";
import {Licences} from "../libraries/Licences.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC721Metadata} from "@openzeppelin/contracts/token/ERC721/extensions/IERC721Metadata.sol";
import {IERC2981} from "@openzeppelin/contracts/interfaces/IERC2981.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";

/// @dev Receiver that tries to redeem the same voucher again (reentrancy through onERC721Received).
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

/// @dev A contract that cannot receive ERC-721 tokens.
contract NotAReceiver {}

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
                royaltyReceiver: receiver,
                royaltyBps: 1000,
                licence: Licences.CBE_NECR,
                nonce: nonce,
                deadline: block.timestamp + 1 days
            });
    }

    function _sign(TrackCollection target, TrackCollection.Voucher memory v) internal view returns (bytes memory) {
        return signDigest(creatorKey, target.voucherDigest(v));
    }

    // ---------------------------------------------------------------- mint

    function test_mint_recordsTrack() public {
        vm.expectEmit();
        emit TrackMinted(uint256(CONTENT), creator, CONTENT, MANIFEST, Licences.CC_BY_4_0, receiver, 500);
        uint256 id = _mint(CONTENT, holder);
        assertEq(id, uint256(CONTENT));
        assertEq(c.ownerOf(id), holder);
        assertEq(c.balanceOf(holder), 1);
        assertEq(c.contentDigestOf(id), CONTENT);
        assertEq(uint256(c.licenceOf(id)), Licences.CC_BY_4_0);
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

    function test_tokenURI_revertsForUnknownToken() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 1));
        c.tokenURI(1);
    }

    function test_mint_revertsOnDuplicateContent() public {
        _mint(CONTENT, holder);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InvalidSender.selector, address(0)));
        _mint(CONTENT, collector);
    }

    function test_mint_revertsOnZeroReceiver() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InvalidReceiver.selector, address(0)));
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
        c.mint(holder, CONTENT, MANIFEST, receiver, 5000, 0);
        (, uint256 amount) = c.royaltyInfo(uint256(CONTENT), 100);
        assertEq(amount, 50);
    }

    function test_mint_revertsOnRoyaltyWithoutReceiver() public {
        vm.expectRevert(TrackCollection.RoyaltyReceiverZero.selector);
        c.mint(holder, CONTENT, MANIFEST, address(0), 100, 0);
    }

    function test_mint_zeroRoyaltyMeansNone() public {
        c.mint(holder, CONTENT, MANIFEST, receiver, 0, 0);
        (address r, uint256 amount) = c.royaltyInfo(uint256(CONTENT), 1 ether);
        assertEq(r, address(0));
        assertEq(amount, 0);
    }

    function test_mint_revertsOnUnknownLicence() public {
        vm.expectRevert(abi.encodeWithSelector(Licences.UnknownLicence.selector, 13));
        c.mint(holder, CONTENT, MANIFEST, receiver, 100, 13);
    }

    function test_mint_revertsForNonReceiverContract() public {
        address bad = address(new NotAReceiver());
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InvalidReceiver.selector, bad));
        c.mint(bad, CONTENT, MANIFEST, receiver, 100, 0);
    }

    // ---------------------------------------------------------------- royalties

    function testFuzz_royaltyInfo_neverRevertsNorOverflows(uint256 price, uint16 bps, uint256 tokenId) public {
        bps = uint16(bound(bps, 1, 5000));
        c.mint(holder, CONTENT, MANIFEST, receiver, bps, 0);
        (, uint256 amount) = c.royaltyInfo(uint256(CONTENT), price);
        assertLe(amount, price, "royalty above price");
        assertLe(amount, price / 2 + 1, "royalty above cap");
        // Any token id, existing or not, answers without reverting.
        c.royaltyInfo(tokenId, price);
    }

    function test_royaltyInfo_maxPrice() public {
        c.mint(holder, CONTENT, MANIFEST, receiver, 5000, 0);
        (, uint256 amount) = c.royaltyInfo(uint256(CONTENT), type(uint256).max);
        assertEq(amount, type(uint256).max / 2);
    }

    function test_royaltyReceiversAreInterned() public {
        _mint(CONTENT, holder);
        _mint(keccak256("two"), holder);
        (address r, ) = c.royaltyInfo(uint256(keccak256("two")), 1);
        assertEq(r, receiver);
    }

    // ---------------------------------------------------------------- licences

    function test_licences_namesAndUris() public view {
        assertEq(c.licenceName(0), "CBE-CC0");
        assertEq(c.licenceURI(0), "ar://_D9kN1WrNWbCq55BSAGRbTB4bS3v8QAPTYmBThSbX3A/0");
        assertEq(c.licenceName(5), "CBE-PR-HS");
        assertEq(c.licenceURI(5), "ar://_D9kN1WrNWbCq55BSAGRbTB4bS3v8QAPTYmBThSbX3A/5");
        assertEq(c.licenceName(6), "CC0-1.0");
        assertEq(c.licenceURI(6), "https://creativecommons.org/publicdomain/zero/1.0/");
        assertEq(c.licenceName(7), "CC-BY-4.0");
        assertEq(c.licenceURI(7), "https://creativecommons.org/licenses/by/4.0/");
        assertEq(c.licenceName(12), "CC-BY-NC-ND-4.0");
        assertEq(c.licenceURI(12), "https://creativecommons.org/licenses/by-nc-nd/4.0/");
        assertEq(c.licenceURI(10), "https://creativecommons.org/licenses/by-nc-sa/4.0/");
    }

    function test_licences_revertOnUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(Licences.UnknownLicence.selector, 13));
        c.licenceName(13);
        vm.expectRevert(abi.encodeWithSelector(Licences.UnknownLicence.selector, 255));
        c.licenceURI(255);
    }

    function test_licenceOf_revertsForUnknownToken() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 7));
        c.licenceOf(7);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 7));
        c.contentDigestOf(7);
    }

    // ---------------------------------------------------------------- ERC-721

    function test_metadataAndInterfaces() public view {
        assertEq(c.name(), "Motif Tracks");
        assertEq(c.symbol(), "MOTIF");
        assertTrue(c.supportsInterface(type(IERC721).interfaceId));
        assertTrue(c.supportsInterface(type(IERC721Metadata).interfaceId));
        assertTrue(c.supportsInterface(type(IERC2981).interfaceId));
        assertTrue(c.supportsInterface(type(IERC165).interfaceId));
        assertFalse(c.supportsInterface(0xffffffff));
    }

    function test_transferFrom_byOwnerApprovedAndOperator() public {
        uint256 id = _mint(CONTENT, holder);
        vm.prank(holder);
        c.transferFrom(holder, collector, id);
        assertEq(c.ownerOf(id), collector);
        assertEq(c.balanceOf(holder), 0);
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
    }

    function test_transfer_reverts() public {
        uint256 id = _mint(CONTENT, holder);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InsufficientApproval.selector, collector, id));
        vm.prank(collector);
        c.transferFrom(holder, collector, id);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721IncorrectOwner.selector, collector, id, holder));
        vm.prank(holder);
        c.transferFrom(collector, holder, id);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InvalidReceiver.selector, address(0)));
        vm.prank(holder);
        c.transferFrom(holder, address(0), id);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 42));
        c.transferFrom(holder, collector, 42);
        address bad = address(new NotAReceiver());
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InvalidReceiver.selector, bad));
        vm.prank(holder);
        c.safeTransferFrom(holder, bad, id);
    }

    function test_approvals_revert() public {
        uint256 id = _mint(CONTENT, holder);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InvalidApprover.selector, collector));
        vm.prank(collector);
        c.approve(collector, id);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InvalidOperator.selector, address(0)));
        c.setApprovalForAll(address(0), true);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InvalidOwner.selector, address(0)));
        c.balanceOf(address(0));
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 9));
        c.ownerOf(9);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 9));
        c.getApproved(9);
    }

    function test_operatorMayApprove() public {
        uint256 id = _mint(CONTENT, holder);
        vm.prank(holder);
        c.setApprovalForAll(collector, true);
        vm.prank(collector);
        c.approve(receiver, id);
        assertEq(c.getApproved(id), receiver);
    }

    // ---------------------------------------------------------------- vouchers

    function test_redeem_mintsAndCreditsPayout() public {
        TrackCollection.Voucher memory v = _voucher(1);
        bytes memory sig = _sign(c, v);
        vm.prank(collector);
        uint256 id = c.redeem{value: 1 ether}(v, sig, collector);
        assertEq(c.ownerOf(id), collector);
        assertEq(id, uint256(v.content));
        assertEq(c.creditsOf(creator), 1 ether);
        assertTrue(c.nonceUsed(creator, 1));
        (address r, uint256 amount) = c.royaltyInfo(id, 1 ether);
        assertEq(r, receiver);
        assertEq(amount, 0.1 ether);
        uint256 before = creator.balance;
        c.withdraw(payable(creator));
        assertEq(creator.balance - before, 1 ether);
        assertEq(c.creditsOf(creator), 0);
    }

    function test_redeem_creditsConfiguredPayoutAddress() public {
        vm.prank(creator);
        c.setPayoutAddress(receiver);
        assertEq(c.payoutAddressOf(creator), receiver);
        TrackCollection.Voucher memory v = _voucher(2);
        bytes memory sig = _sign(c, v);
        vm.prank(collector);
        c.redeem{value: 1 ether}(v, sig, collector);
        assertEq(c.creditsOf(receiver), 1 ether);
        assertEq(c.creditsOf(creator), 0);
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

    function testFuzz_redeem_onlyOncePerNonce(uint256 nonce, uint96 price) public {
        TrackCollection.Voucher memory v = _voucher(nonce);
        v.price = price;
        bytes memory sig = _sign(c, v);
        vm.deal(collector, uint256(price) * 2);
        vm.prank(collector);
        c.redeem{value: price}(v, sig, collector);
        v.content = keccak256(abi.encode(v.content));
        vm.expectRevert(abi.encodeWithSelector(TrackCollection.VoucherNonceUsed.selector, creator, nonce));
        vm.prank(collector);
        c.redeem{value: price}(v, sig, collector);
        assertEq(c.creditsOf(creator), price);
    }

    function test_withdraw_revertsWhenEmpty() public {
        vm.expectRevert(abi.encodeWithSelector(TrackCollection.NothingToWithdraw.selector, holder));
        c.withdraw(payable(holder));
    }

    function test_withdraw_revertsWhenRecipientRejects() public {
        address bad = address(new NotAReceiver());
        vm.prank(creator);
        c.setPayoutAddress(bad);
        TrackCollection.Voucher memory v = _voucher(1);
        bytes memory sig = _sign(c, v);
        vm.prank(collector);
        c.redeem{value: 1 ether}(v, sig, collector);
        vm.expectRevert(abi.encodeWithSelector(TrackCollection.TransferFailed.selector, bad, 1 ether));
        c.withdraw(payable(bad));
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

    function mintAs(TrackCollection c, bytes32 content) external returns (uint256) {
        return c.mint(address(this), content, bytes32(0), address(this), 100, 0);
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
            royaltyReceiver: address(wallet),
            royaltyBps: 100,
            licence: 0,
            nonce: 1,
            deadline: block.timestamp
        });
        vm.expectRevert(TrackCollection.InvalidVoucherSignature.selector);
        c.redeem(v, "", address(this));
        wallet.approve(c.voucherDigest(v));
        c.redeem(v, "", address(wallet));
        assertEq(c.ownerOf(uint256(v.content)), address(wallet));
    }
}
