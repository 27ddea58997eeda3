// solhint-disable func-name-mixedcase, one-contract-per-file, use-forbidden-name, gas-custom-errors, gas-increment-by-one
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "./utils/Test.sol";
import {Editions} from "../Editions.sol";
import {CidV1} from "../libraries/CidV1.sol";
import {Licences} from "../libraries/Licences.sol";
import {IERC2981} from "@openzeppelin/contracts/interfaces/IERC2981.sol";
import {Hashes} from "@openzeppelin/contracts/utils/cryptography/Hashes.sol";

/// @notice Shared set-up and helpers of the Editions tests (unit, attacks, invariants).
abstract contract EditionsBase is Test {
    uint256 internal creatorKey = 0xA11CE;
    address internal creator;
    address internal collector = address(0xC011);
    address internal friend = address(0xF12E);
    address internal split = address(0x5B117);
    bytes32 internal constant CONTENT = keccak256("the creator's track");
    bytes32 internal constant OTHER_CONTENT = keccak256("another track");
    bytes32 internal constant MANIFEST = keccak256("manifest");
    uint96 internal constant PRICE = 0.01 ether;
    uint256 internal t0;

    function _setUpActors() internal {
        creator = vm.addr(creatorKey);
        t0 = 1_000_000;
        vm.warp(t0);
        vm.deal(collector, 1000 ether);
        vm.deal(friend, 1000 ether);
    }

    function _init(bytes32 content) internal view returns (Editions.EditionInit memory) {
        return
            Editions.EditionInit({
                content: content,
                manifest: MANIFEST,
                licence: Licences.CC_BY_4_0,
                royaltyReceiver: split,
                royaltyBps: 1000,
                payout: address(0),
                maxSupply: 100,
                closeAt: 0,
                referralBps: 1000
            });
    }

    function _phase(uint96 price, uint256 start, uint256 end, uint24 walletCap, uint24 phaseCap)
        internal
        pure
        returns (Editions.PhaseInit memory)
    {
        return
            Editions.PhaseInit({
                price: price,
                start: uint40(start),
                end: uint40(end),
                walletCap: walletCap,
                phaseCap: phaseCap,
                mode: 0,
                merkleRoot: bytes32(0)
            });
    }

    function _one(Editions.PhaseInit memory p) internal pure returns (Editions.PhaseInit[] memory ps) {
        ps = new Editions.PhaseInit[](1);
        ps[0] = p;
    }

    function _two(Editions.PhaseInit memory a, Editions.PhaseInit memory b)
        internal
        pure
        returns (Editions.PhaseInit[] memory ps)
    {
        ps = new Editions.PhaseInit[](2);
        ps[0] = a;
        ps[1] = b;
    }

    /// @dev The creator's edition of CONTENT with one public phase [t0, t0 + 10 days), wallet cap 5.
    function _publicEdition(Editions e) internal returns (uint256 id) {
        vm.prank(creator);
        id = e.createEdition(_init(CONTENT), _one(_phase(PRICE, t0, t0 + 10 days, 5, 0)));
    }

    function _mint(Editions e, address who, uint256 id, uint256 phase, uint256 quantity) internal returns (uint256) {
        (Editions.Phase memory p, ) = e.phaseOf(id, phase);
        vm.prank(who);
        return e.mint{value: uint256(p.price) * quantity}(id, phase, quantity, who, address(0), "");
    }

    // ---------------------------------------------------------------- merkle helpers (commutative, like OZ)

    function _root(bytes32[] memory leaves) internal pure returns (bytes32) {
        bytes32[] memory level = leaves;
        while (level.length > 1) level = _up(level);
        return level[0];
    }

    function _proof(bytes32[] memory leaves, uint256 index) internal pure returns (bytes32[] memory proof) {
        bytes32[] memory tmp = new bytes32[](32);
        uint256 n;
        bytes32[] memory level = leaves;
        while (level.length > 1) {
            uint256 sibling = index ^ 1;
            if (sibling < level.length) tmp[n++] = level[sibling];
            level = _up(level);
            index >>= 1;
        }
        proof = new bytes32[](n);
        for (uint256 i; i < n; ++i) proof[i] = tmp[i];
    }

    function _up(bytes32[] memory level) private pure returns (bytes32[] memory next) {
        next = new bytes32[]((level.length + 1) / 2);
        for (uint256 i; i < level.length; i += 2) {
            next[i / 2] = i + 1 < level.length ? Hashes.commutativeKeccak256(level[i], level[i + 1]) : level[i];
        }
    }
}

/// @notice A contract collector that accepts ERC-721 tokens.
contract Holder {
    function onERC721Received(address, address, uint256, bytes calldata) external pure returns (bytes4) {
        return this.onERC721Received.selector;
    }

    receive() external payable {}
}

/// @notice A referrer whose `receive` tries to withdraw again (and records whether it could).
contract ReenteringReferrer {
    Editions public c;
    bool public reentered;

    function setTarget(Editions c_) external {
        c = c_;
    }

    receive() external payable {
        try c.withdraw(payable(address(this))) {
            reentered = true;
        } catch {}
    }
}

/// @notice A payout that rejects plain ETH (collects with `withdrawTo`).
contract NoReceive {
    function withdrawTo(Editions e, address payable to) external {
        e.withdrawTo(to);
    }
}

contract EditionsTest is EditionsBase {
    Editions internal e;

    function setUp() public {
        _setUpActors();
        e = new Editions("Motif Editions", "MOTIFED");
    }

    // ---------------------------------------------------------------- creation

    function test_create_storesTermsInTheCreatorsSpace() public {
        uint256 id = _publicEdition(e);
        assertEq(id, e.editionIdOf(creator, CONTENT));
        assertEq(id >> 96, uint256(uint160(creator)));
        assertEq(id & 0xffffffff, 0, "number bits free");
        assertEq(e.creatorOf(id), creator);
        (bytes32 content, address payout, address receiver) = e.editionInfo(id);
        assertEq(content, CONTENT);
        assertEq(payout, split, "payout defaults to the royalty receiver");
        assertEq(receiver, split);
        Editions.EditionState memory s = e.stateOf(id);
        assertEq(s.maxSupply, 100);
        assertEq(s.phaseCount, 1);
        assertEq(s.referralBps, 1000);
        assertEq(s.royaltyBps, 1000);
        assertEq(s.licence, Licences.CC_BY_4_0);
        (Editions.Phase memory p, bytes32 root) = e.phaseOf(id, 0);
        assertEq(p.price, PRICE);
        assertEq(p.walletCap, 5);
        assertEq(root, bytes32(0));
    }

    function test_create_payoutDefaults() public {
        Editions.EditionInit memory init = _init(CONTENT);
        init.royaltyReceiver = address(0);
        init.royaltyBps = 0;
        vm.prank(creator);
        uint256 id = e.createEdition(init, new Editions.PhaseInit[](0));
        (, address payout, ) = e.editionInfo(id);
        assertEq(payout, creator, "no receiver: the creator");
        init = _init(OTHER_CONTENT);
        init.payout = friend;
        vm.prank(creator);
        id = e.createEdition(init, new Editions.PhaseInit[](0));
        (, payout, ) = e.editionInfo(id);
        assertEq(payout, friend, "chosen payout");
    }

    function test_create_onceAndOnlyInOwnSpace() public {
        vm.prank(friend);
        uint256 squat = e.createEdition(_init(CONTENT), new Editions.PhaseInit[](0));
        uint256 id = _publicEdition(e);
        assertTrue(squat != id, "a stranger took the creator's id");
        assertEq(e.creatorOf(squat), friend);
        vm.prank(creator);
        vm.expectRevert(abi.encodeWithSelector(Editions.EditionExists.selector, id));
        e.createEdition(_init(CONTENT), new Editions.PhaseInit[](0));
    }

    function test_create_validatesTerms() public {
        Editions.EditionInit memory init = _init(CONTENT);
        Editions.PhaseInit[] memory none = new Editions.PhaseInit[](0);
        init.royaltyBps = 5001;
        vm.expectRevert(abi.encodeWithSelector(Editions.RoyaltyTooHigh.selector, 5001, 5000));
        e.createEdition(init, none);
        init = _init(CONTENT);
        init.royaltyReceiver = address(0);
        vm.expectRevert(Editions.RoyaltyReceiverZero.selector);
        e.createEdition(init, none);
        init = _init(CONTENT);
        init.referralBps = 2001;
        vm.expectRevert(abi.encodeWithSelector(Editions.ReferralTooHigh.selector, 2001, 2000));
        e.createEdition(init, none);
        init = _init(CONTENT);
        init.maxSupply = 0;
        vm.expectRevert(Editions.OpenEditionNeedsEnd.selector);
        e.createEdition(init, none);
        init = _init(CONTENT);
        init.licence = 13;
        vm.expectRevert(abi.encodeWithSelector(Licences.UnknownLicence.selector, 13));
        e.createEdition(init, none);
        init = _init(bytes32(0));
        vm.expectRevert(Editions.EmptyContent.selector);
        e.createEdition(init, none);
    }

    function test_create_validatesPhases() public {
        Editions.EditionInit memory init = _init(CONTENT);
        Editions.PhaseInit memory p = _phase(PRICE, t0 + 1, t0 + 1, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(Editions.InvalidPhase.selector, 0));
        e.createEdition(init, _one(p)); // empty window
        p = _phase(PRICE, t0, t0 + 1, 0, 0);
        p.mode = 1;
        vm.expectRevert(abi.encodeWithSelector(Editions.InvalidPhase.selector, 0));
        e.createEdition(init, _one(p)); // allowlist without a root
        p.mode = 0;
        p.merkleRoot = keccak256("root");
        vm.expectRevert(abi.encodeWithSelector(Editions.InvalidPhase.selector, 0));
        e.createEdition(init, _one(p)); // a root on a public phase
        p.merkleRoot = bytes32(0);
        p.mode = 3;
        vm.expectRevert(abi.encodeWithSelector(Editions.InvalidPhase.selector, 0));
        e.createEdition(init, _one(p));
        vm.expectRevert(abi.encodeWithSelector(Editions.PhasesOverlap.selector, 1));
        e.createEdition(init, _two(_phase(PRICE, t0, t0 + 10, 0, 0), _phase(PRICE, t0 + 9, t0 + 20, 0, 0)));
        Editions.PhaseInit[] memory nine = new Editions.PhaseInit[](9);
        for (uint256 i; i < 9; ++i) nine[i] = _phase(PRICE, t0 + i * 10, t0 + i * 10 + 10, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(Editions.TooManyPhases.selector, 9, 8));
        e.createEdition(init, nine);
        // Back-to-back phases are fine.
        vm.prank(creator);
        e.createEdition(init, _two(_phase(PRICE, t0, t0 + 10, 0, 0), _phase(PRICE, t0 + 10, t0 + 20, 0, 0)));
    }

    function test_createWithSig() public {
        Editions.EditionInit memory init = _init(CONTENT);
        Editions.PhaseInit[] memory ps = _one(_phase(PRICE, t0, t0 + 1 days, 0, 0));
        uint256 deadline = t0 + 1 hours;
        bytes memory sig = signDigest(creatorKey, e.createEditionDigest(init, ps, creator, deadline));
        // A tampered phase (cheaper) or payout does not verify.
        Editions.PhaseInit[] memory cheap = _one(_phase(1, t0, t0 + 1 days, 0, 0));
        vm.expectRevert(Editions.InvalidSignature.selector);
        e.createEditionWithSig(init, cheap, creator, deadline, sig);
        Editions.EditionInit memory redirected = _init(CONTENT);
        redirected.payout = friend;
        vm.expectRevert(Editions.InvalidSignature.selector);
        e.createEditionWithSig(redirected, ps, creator, deadline, sig);
        vm.prank(friend); // anyone may submit
        uint256 id = e.createEditionWithSig(init, ps, creator, deadline, sig);
        assertEq(id, e.editionIdOf(creator, CONTENT));
        assertEq(e.creatorOf(id), creator);
        vm.expectRevert(abi.encodeWithSelector(Editions.EditionExists.selector, id));
        e.createEditionWithSig(init, ps, creator, deadline, sig);
        vm.warp(deadline + 1);
        init.content = OTHER_CONTENT;
        bytes memory late = signDigest(creatorKey, e.createEditionDigest(init, ps, creator, deadline));
        vm.expectRevert(abi.encodeWithSelector(Editions.SignatureExpired.selector, deadline));
        e.createEditionWithSig(init, ps, creator, deadline, late);
    }

    function test_addPhase() public {
        uint256 id = _publicEdition(e);
        vm.prank(friend);
        vm.expectRevert(abi.encodeWithSelector(Editions.NotCreator.selector, id, friend));
        e.addPhase(id, _phase(PRICE, t0 + 10 days, t0 + 20 days, 0, 0));
        vm.prank(creator);
        vm.expectRevert(abi.encodeWithSelector(Editions.PhasesOverlap.selector, 1));
        e.addPhase(id, _phase(PRICE, t0 + 10 days - 1, t0 + 20 days, 0, 0));
        vm.prank(creator);
        e.addPhase(id, _phase(2 * PRICE, t0 + 10 days, t0 + 20 days, 0, 0));
        assertEq(e.stateOf(id).phaseCount, 2);
        vm.warp(t0 + 10 days);
        _mint(e, collector, id, 1, 1);
        vm.prank(collector);
        vm.expectRevert(abi.encodeWithSelector(Editions.PhaseNotActive.selector, 0, t0, t0 + 10 days));
        e.mint{value: PRICE}(id, 0, 1, collector, address(0), "");
    }

    // ---------------------------------------------------------------- public mint

    function test_mint_numbersCopiesAndFreezesMetadata() public {
        uint256 id = _publicEdition(e);
        vm.expectEmit();
        emit Editions.Minted(id, collector, 0, 1, 2, 2 * PRICE, address(0), "first!");
        vm.prank(collector);
        uint256 first = e.mint{value: 2 * PRICE}(id, 0, 2, collector, address(0), "first!");
        assertEq(first, id | 1);
        assertEq(e.ownerOf(id | 1), collector);
        assertEq(e.ownerOf(id | 2), collector);
        assertEq(e.balanceOf(collector), 2);
        (uint256 editionId, uint256 number) = e.editionOfToken(id | 2);
        assertEq(editionId, id);
        assertEq(number, 2);
        assertEq(e.tokenURI(id | 2), string.concat(CidV1.metadataURI(CONTENT), "?edition=2"));
        (address r, uint256 amount) = e.royaltyInfo(id | 1, 1 ether);
        assertEq(r, split);
        assertEq(amount, 0.1 ether);
        (r, amount) = e.royaltyInfo(id | 3, 1 ether);
        assertEq(r, address(0), "no royalty for an unminted copy");
        assertEq(e.licenceOf(id | 1), Licences.CC_BY_4_0);
        assertEq(e.stateOf(id).minted, 2);
        assertEq(e.stateOf(id).pending, 2 * PRICE);
        assertEq(e.mintedBy(id, 0, collector), 2);
        vm.expectRevert(bytes4(0xceea21b6)); // TokenDoesNotExist()
        e.tokenURI(id | 3);
        // A gift: the payer's count, the recipient's token.
        vm.prank(collector);
        e.mint{value: PRICE}(id, 0, 1, friend, address(0), "");
        assertEq(e.ownerOf(id | 3), friend);
        assertEq(e.mintedBy(id, 0, collector), 3);
        assertEq(e.mintedBy(id, 0, friend), 0);
    }

    function test_mint_refusals() public {
        uint256 id = _publicEdition(e);
        vm.startPrank(collector);
        vm.expectRevert(abi.encodeWithSelector(Editions.WrongPayment.selector, PRICE - 1, PRICE));
        e.mint{value: PRICE - 1}(id, 0, 1, collector, address(0), "");
        vm.expectRevert(Editions.ZeroQuantity.selector);
        e.mint(id, 0, 0, collector, address(0), "");
        vm.expectRevert(abi.encodeWithSelector(Editions.PhaseNotFound.selector, id, 1));
        e.mint(id, 1, 1, collector, address(0), "");
        bytes memory long = new bytes(281);
        vm.expectRevert(abi.encodeWithSelector(Editions.CommentTooLong.selector, 281, 280));
        e.mint{value: PRICE}(id, 0, 1, collector, address(0), string(long));
        e.mint{value: PRICE}(id, 0, 1, collector, address(0), string(new bytes(280)));
        // A public phase has no tree: no proof passes.
        vm.expectRevert(abi.encodeWithSelector(Editions.NotAllowlisted.selector, collector));
        e.mintAllowlisted{value: PRICE}(id, 0, 1, collector, address(0), "", new bytes32[](0));
        vm.warp(t0 - 1);
        vm.expectRevert(abi.encodeWithSelector(Editions.PhaseNotActive.selector, 0, t0, t0 + 10 days));
        e.mint{value: PRICE}(id, 0, 1, collector, address(0), "");
        vm.warp(t0 + 10 days);
        vm.expectRevert(abi.encodeWithSelector(Editions.PhaseNotActive.selector, 0, t0, t0 + 10 days));
        e.mint{value: PRICE}(id, 0, 1, collector, address(0), "");
        vm.stopPrank();
    }

    function test_caps_walletPhaseSupply() public {
        Editions.EditionInit memory init = _init(CONTENT);
        init.maxSupply = 10;
        vm.prank(creator);
        uint256 id = e.createEdition(
            init,
            _two(_phase(PRICE, t0, t0 + 1 days, 2, 3), _phase(PRICE, t0 + 1 days, t0 + 2 days, 0, 0))
        );
        vm.startPrank(collector);
        vm.expectRevert(abi.encodeWithSelector(Editions.WalletCapExceeded.selector, collector, 0, 2));
        e.mint{value: 3 * PRICE}(id, 0, 3, collector, address(0), ""); // a batch above the cap
        e.mint{value: 2 * PRICE}(id, 0, 2, collector, address(0), "");
        vm.expectRevert(abi.encodeWithSelector(Editions.WalletCapExceeded.selector, collector, 2, 2));
        e.mint{value: PRICE}(id, 0, 1, collector, address(0), "");
        vm.stopPrank();
        vm.prank(friend);
        vm.expectRevert(abi.encodeWithSelector(Editions.PhaseSoldOut.selector, 0, 2, 3));
        e.mint{value: 2 * PRICE}(id, 0, 2, friend, address(0), "");
        _mint(e, friend, id, 0, 1);
        vm.warp(t0 + 1 days);
        vm.prank(creator);
        address[] memory to = new address[](1);
        to[0] = friend;
        e.airdrop(id, to, 2); // 5 minted
        _mint(e, collector, id, 1, 5); // 10 minted
        vm.prank(collector);
        vm.expectRevert(abi.encodeWithSelector(Editions.SoldOut.selector, id, 10, 10));
        e.mint{value: PRICE}(id, 1, 1, collector, address(0), "");
        assertEq(e.stateOf(id).minted, 10);
        assertEq(e.ownerOf(id | 10), collector);
    }

    function test_openEdition_closesAtItsTime() public {
        Editions.EditionInit memory init = _init(CONTENT);
        init.maxSupply = 0;
        init.closeAt = uint40(t0 + 1 days);
        vm.prank(creator);
        uint256 id = e.createEdition(init, _one(_phase(PRICE, t0, t0 + 30 days, 0, 0)));
        _mint(e, collector, id, 0, 50);
        vm.warp(t0 + 1 days);
        vm.prank(collector);
        vm.expectRevert(abi.encodeWithSelector(Editions.EditionClosed.selector, id, t0 + 1 days));
        e.mint{value: PRICE}(id, 0, 1, collector, address(0), "");
        address[] memory to = new address[](1);
        to[0] = friend;
        vm.prank(creator);
        vm.expectRevert(abi.encodeWithSelector(Editions.EditionClosed.selector, id, t0 + 1 days));
        e.airdrop(id, to, 1);
    }

    // ---------------------------------------------------------------- allowlist and signature modes

    function test_allowlist() public {
        uint256 id = e.editionIdOf(creator, CONTENT);
        bytes32[] memory leaves = new bytes32[](3);
        leaves[0] = e.allowlistLeaf(id, 0, address(0xA));
        leaves[1] = e.allowlistLeaf(id, 0, collector);
        leaves[2] = e.allowlistLeaf(id, 0, address(0xB));
        Editions.PhaseInit memory p = _phase(PRICE, t0, t0 + 1 days, 1, 0);
        p.mode = 1;
        p.merkleRoot = _root(leaves);
        vm.prank(creator);
        e.createEdition(_init(CONTENT), _one(p));
        bytes32[] memory proof = _proof(leaves, 1);
        vm.prank(friend);
        vm.expectRevert(abi.encodeWithSelector(Editions.NotAllowlisted.selector, friend));
        e.mintAllowlisted{value: PRICE}(id, 0, 1, friend, address(0), "", proof);
        vm.prank(collector);
        e.mintAllowlisted{value: PRICE}(id, 0, 1, collector, address(0), "", proof);
        assertEq(e.ownerOf(id | 1), collector);
        vm.prank(collector);
        vm.expectRevert(abi.encodeWithSelector(Editions.WrongMode.selector, 0, 1));
        e.mint{value: PRICE}(id, 0, 1, collector, address(0), "");
    }

    function _signedEdition() internal returns (uint256 id) {
        Editions.PhaseInit memory p = _phase(PRICE, t0, t0 + 1 days, 0, 0);
        p.mode = 2;
        vm.prank(creator);
        id = e.createEdition(_init(CONTENT), _one(p));
    }

    function test_signatureGated() public {
        uint256 id = _signedEdition();
        uint256 deadline = t0 + 1 hours;
        bytes memory sig = signDigest(creatorKey, e.mintApprovalDigest(id, 0, collector, 1, 7, deadline));
        vm.prank(friend); // for someone else
        vm.expectRevert(Editions.InvalidSignature.selector);
        e.mintApproved{value: PRICE}(id, 0, 1, friend, address(0), "", 7, deadline, sig);
        vm.prank(collector); // more copies than approved
        vm.expectRevert(Editions.InvalidSignature.selector);
        e.mintApproved{value: 2 * PRICE}(id, 0, 2, collector, address(0), "", 7, deadline, sig);
        vm.prank(collector);
        e.mintApproved{value: PRICE}(id, 0, 1, collector, address(0), "", 7, deadline, sig);
        assertTrue(e.approvalNonceUsed(id, 7));
        vm.prank(collector);
        vm.expectRevert(abi.encodeWithSelector(Editions.ApprovalNonceUsed.selector, id, 7));
        e.mintApproved{value: PRICE}(id, 0, 1, collector, address(0), "", 7, deadline, sig);
        // A label's signer.
        uint256 labelKey = 0x1ABE1;
        vm.prank(creator);
        e.setMintSigner(vm.addr(labelKey));
        assertEq(e.signerOf(creator), vm.addr(labelKey));
        bytes memory old = signDigest(creatorKey, e.mintApprovalDigest(id, 0, collector, 1, 8, deadline));
        vm.prank(collector);
        vm.expectRevert(Editions.InvalidSignature.selector);
        e.mintApproved{value: PRICE}(id, 0, 1, collector, address(0), "", 8, deadline, old);
        bytes memory label = signDigest(labelKey, e.mintApprovalDigest(id, 0, collector, 1, 8, deadline));
        vm.prank(collector);
        e.mintApproved{value: PRICE}(id, 0, 1, collector, address(0), "", 8, deadline, label);
        // Cancelled and expired approvals.
        bytes memory cancelled = signDigest(labelKey, e.mintApprovalDigest(id, 0, collector, 1, 9, deadline));
        vm.prank(creator);
        e.cancelApprovalNonce(id, 9);
        vm.prank(collector);
        vm.expectRevert(abi.encodeWithSelector(Editions.ApprovalNonceUsed.selector, id, 9));
        e.mintApproved{value: PRICE}(id, 0, 1, collector, address(0), "", 9, deadline, cancelled);
        vm.warp(deadline + 1);
        bytes memory late = signDigest(labelKey, e.mintApprovalDigest(id, 0, collector, 1, 10, deadline));
        vm.prank(collector);
        vm.expectRevert(abi.encodeWithSelector(Editions.SignatureExpired.selector, deadline));
        e.mintApproved{value: PRICE}(id, 0, 1, collector, address(0), "", 10, deadline, late);
    }

    // ---------------------------------------------------------------- referral, revenue, airdrop

    function test_referral_creditsTheShare() public {
        uint256 id = _publicEdition(e);
        (uint256 payment, uint256 referral, uint256 net) = e.quote(id, 0, 3, true);
        assertEq(payment, 3 * PRICE);
        assertEq(referral, (3 * PRICE) / 10);
        assertEq(net, payment - referral);
        vm.prank(collector);
        e.mint{value: 3 * PRICE}(id, 0, 3, collector, friend, "via friend");
        assertEq(e.creditsOf(friend), referral);
        assertEq(e.stateOf(id).pending, net);
        vm.startPrank(collector);
        vm.expectRevert(abi.encodeWithSelector(Editions.SelfReferral.selector, collector));
        e.mint{value: PRICE}(id, 0, 1, collector, collector, "");
        vm.expectRevert(abi.encodeWithSelector(Editions.SelfReferral.selector, friend));
        e.mint{value: PRICE}(id, 0, 1, friend, friend, "");
        vm.stopPrank();
        uint256 before = friend.balance;
        e.withdraw(payable(friend));
        assertEq(friend.balance - before, referral);
        assertEq(e.creditsOf(friend), 0);
    }

    function test_withdraw_reentrancyPaysOnce() public {
        uint256 id = _publicEdition(e);
        ReenteringReferrer ref = new ReenteringReferrer();
        ref.setTarget(e);
        vm.prank(collector);
        e.mint{value: 5 * PRICE}(id, 0, 5, collector, address(ref), "");
        vm.prank(friend);
        e.mint{value: PRICE}(id, 0, 1, friend, address(ref), "");
        uint256 credit = e.creditsOf(address(ref));
        assertEq(credit, (6 * PRICE) / 10);
        e.withdraw(payable(address(ref)));
        assertFalse(ref.reentered(), "reentered withdraw");
        assertEq(address(ref).balance, credit, "paid exactly once");
        assertEq(address(e).balance, e.stateOf(id).pending, "the rest is the payout's");
    }

    function test_release_withdraw() public {
        uint256 id = _publicEdition(e);
        _mint(e, collector, id, 0, 4);
        uint256[] memory ids = new uint256[](1);
        ids[0] = id;
        vm.expectEmit();
        emit Editions.Released(id, split, 4 * PRICE);
        e.release(ids);
        assertEq(e.stateOf(id).pending, 0);
        assertEq(e.creditsOf(split), 4 * PRICE);
        vm.expectRevert(abi.encodeWithSelector(Editions.NothingToRelease.selector, id));
        e.release(ids);
        e.withdraw(payable(split));
        assertEq(split.balance, 4 * PRICE);
        assertEq(address(e).balance, 0, "every wei paid out");
        vm.expectRevert(abi.encodeWithSelector(Editions.NothingToWithdraw.selector, split));
        e.withdraw(payable(split));
        // A payout that rejects plain ETH collects with withdrawTo.
        NoReceive wallet = new NoReceive();
        Editions.EditionInit memory init = _init(OTHER_CONTENT);
        init.payout = address(wallet);
        vm.prank(creator);
        uint256 id2 = e.createEdition(init, _one(_phase(PRICE, t0, t0 + 1 days, 0, 0)));
        _mint(e, collector, id2, 0, 1);
        ids[0] = id2;
        e.release(ids);
        vm.expectRevert(abi.encodeWithSelector(Editions.TransferFailed.selector, address(wallet), PRICE));
        e.withdraw(payable(address(wallet)));
        wallet.withdrawTo(e, payable(friend));
        assertEq(e.creditsOf(address(wallet)), 0);
    }

    function test_airdrop() public {
        uint256 id = _publicEdition(e);
        address[] memory to = new address[](2);
        to[0] = friend;
        to[1] = address(new Holder());
        vm.prank(friend);
        vm.expectRevert(abi.encodeWithSelector(Editions.NotCreator.selector, id, friend));
        e.airdrop(id, to, 1);
        vm.prank(creator);
        assertEq(e.airdrop(id, to, 3), 1);
        assertEq(e.balanceOf(friend), 3);
        assertEq(e.ownerOf(id | 6), to[1]);
        assertEq(e.stateOf(id).minted, 6);
        assertEq(e.stateOf(id).pending, 0);
        vm.prank(creator);
        vm.expectRevert(abi.encodeWithSelector(Editions.SoldOut.selector, id, 6, 100));
        e.airdrop(id, to, 48);
    }

    function test_pendingRevenue_neverSpillsIntoTheNextField() public {
        Editions.EditionInit memory init = _init(CONTENT);
        init.maxSupply = 1000;
        vm.prank(creator);
        uint256 id = e.createEdition(init, _one(_phase(type(uint96).max, t0, t0 + 1 days, 0, 0)));
        uint256 value = uint256(type(uint96).max) * 257; // above 2^104 - 1 (a test chain can mint such balances)
        vm.deal(collector, value);
        vm.prank(collector);
        vm.expectRevert(abi.encodeWithSelector(Editions.RevenueOverflow.selector, id));
        e.mint{value: value}(id, 0, 257, collector, address(0), "");
        assertEq(e.stateOf(id).phaseCount, 1);
    }

    function test_supportsInterface() public view {
        assertTrue(e.supportsInterface(type(IERC2981).interfaceId));
        assertTrue(e.supportsInterface(0x80ac58cd)); // ERC-721
        assertTrue(e.supportsInterface(0x5b5e139f)); // metadata
        assertFalse(e.supportsInterface(0xffffffff));
    }
}
