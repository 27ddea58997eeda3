// solhint-disable func-name-mixedcase, one-contract-per-file, use-forbidden-name, gas-custom-errors, gas-increment-by-one
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test, Vm} from "./utils/Test.sol";
import {TrackCollection} from "../TrackCollection.sol";

Vm constant TRACK_VM = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

/// @notice Random redemptions (and replays) of a small set of signed vouchers, plus cancellations.
contract VoucherHandler {
    TrackCollection public immutable tracks;
    uint256 internal constant KEY = 0xC0FFEE;
    address public immutable creator;
    address public constant SPLIT = address(0x5B117);
    mapping(uint256 nonce => uint256) public redemptions;
    uint256 public doubleRedemptions;
    uint256 public paid;
    uint256 public paidToSplit;

    constructor(TrackCollection tracks_) {
        tracks = tracks_;
        creator = TRACK_VM.addr(KEY);
    }

    function _voucher(uint256 nonce, uint256 variant) internal view returns (TrackCollection.Voucher memory) {
        return
            TrackCollection.Voucher({
                creator: creator,
                content: keccak256(abi.encode(nonce, variant)),
                manifest: bytes32(0),
                price: 1 gwei * (1 + (nonce % 3)),
                payout: nonce % 2 == 0 ? creator : SPLIT,
                royaltyReceiver: creator,
                royaltyBps: 100,
                licence: 0,
                nonce: nonce,
                deadline: type(uint256).max
            });
    }

    /// @dev `variant` lets the creator sign several vouchers with the same nonce (different content).
    function redeem(uint256 nonce, uint256 variant) external {
        nonce = nonce % 8;
        variant = variant % 3;
        TrackCollection.Voucher memory v = _voucher(nonce, variant);
        (uint8 sv, bytes32 r, bytes32 s) = TRACK_VM.sign(KEY, tracks.voucherDigest(v));
        TRACK_VM.deal(address(this), v.price);
        tracks.redeem{value: v.price}(v, abi.encodePacked(r, s, sv), address(0xC011));
        paid += v.price;
        if (v.payout == SPLIT) paidToSplit += v.price;
        if (++redemptions[nonce] > 1) ++doubleRedemptions;
    }

    function cancel(uint256 nonce) external {
        TRACK_VM.prank(creator);
        tracks.cancelNonce(nonce % 8);
    }
}

contract VoucherInvariantsTest is Test {
    TrackCollection internal tracks;
    VoucherHandler internal handler;

    function setUp() public {
        tracks = new TrackCollection("Motif", "M");
        handler = new VoucherHandler(tracks);
        targetContract(address(handler));
    }

    /// @dev A voucher (nonce) redeems at most once, whatever the content signed under it.
    function invariant_noVoucherRedeemedTwice() public view {
        assertEq(handler.doubleRedemptions(), 0);
    }

    /// @dev Every wei paid is credited to the voucher's signed payout, and held by the contract.
    function invariant_proceedsCreditedToSignedPayout() public view {
        _checkProceeds();
    }

    /**
     * @dev The same properties as a stateful fuzz over 10,000 random sequences of 4 redemptions and cancellations
     * over 8 nonces and 3 contents per nonce (so replays of a used nonce, same or other content, are frequent).
     * forge's invariant runner needed about 140 s for 10,000 runs of the invariants above on this machine, so they
     * keep the default run count and this fuzz carries the 10,000 runs.
     * forge-config: default.fuzz.runs = 10000
     */
    function testFuzz_vouchers_redeemAtMostOnce(uint32[4] calldata steps) public {
        for (uint256 i = 0; i < steps.length; ++i) {
            uint256 step = steps[i];
            if (step % 4 == 0) {
                try handler.cancel(step >> 2) {} catch {}
            } else {
                try handler.redeem(step >> 2, step >> 8) {} catch {}
            }
        }
        // The handler counts a double redemption at the step it happens; the ledger only grows.
        assertEq(handler.doubleRedemptions(), 0);
        _checkProceeds();
    }

    function _checkProceeds() internal view {
        assertEq(tracks.creditsOf(handler.SPLIT()), handler.paidToSplit());
        assertEq(tracks.creditsOf(handler.creator()) + tracks.creditsOf(handler.SPLIT()), handler.paid());
        assertEq(address(tracks).balance, handler.paid());
    }
}

/// @notice Random transfers (by anyone, authorized or not), approvals and operator grants over a few tokens,
/// against a model of who owns what and how often each token moved.
contract OwnershipHandler {
    TrackCollection public immutable tracks;
    address[] public actors;
    uint256[] public tokens;
    mapping(uint256 tokenId => address) public modelOwner;
    mapping(uint256 tokenId => uint256) public modelMoves;
    uint256 public unauthorizedMoves;
    uint256 public staleApprovals;

    constructor(TrackCollection tracks_) {
        tracks = tracks_;
        for (uint256 i = 0; i < 4; ++i) actors.push(address(uint160(0xA000 + i)));
        for (uint256 i = 0; i < 3; ++i) {
            TRACK_VM.prank(actors[i]);
            uint256 id = tracks.mint(actors[i], keccak256(abi.encode("token", i)), bytes32(0), address(0xFEE), 750, 0);
            tokens.push(id);
            modelOwner[id] = actors[i];
        }
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function tokenCount() external view returns (uint256) {
        return tokens.length;
    }

    /// @dev Anyone tries to move a token from anyone (often not its owner) to anyone, by any entry point.
    function move(uint256 t, uint256 by, uint256 from, uint256 to, uint8 how) external {
        uint256 id = tokens[t % tokens.length];
        address caller = actors[by % actors.length];
        address src = actors[from % actors.length];
        address dst = actors[to % actors.length];
        address owner = tracks.ownerOf(id);
        bool allowed = caller == owner || tracks.getApproved(id) == caller || tracks.isApprovedForAll(owner, caller);
        bytes memory call;
        if (how % 3 == 0) call = abi.encodeWithSignature("transferFrom(address,address,uint256)", src, dst, id);
        else if (how % 3 == 1) call = abi.encodeWithSignature("safeTransferFrom(address,address,uint256)", src, dst, id);
        else call = abi.encodeWithSignature("safeTransferFrom(address,address,uint256,bytes)", src, dst, id, "");
        TRACK_VM.prank(caller);
        (bool ok, ) = address(tracks).call(call);
        if (!ok) return;
        if (!allowed || src != owner) ++unauthorizedMoves;
        if (tracks.getApproved(id) != address(0)) ++staleApprovals;
        modelOwner[id] = dst;
        ++modelMoves[id];
    }

    /// @dev Anyone tries to approve anyone (or nobody) for a token.
    function approve(uint256 t, uint256 by, uint256 who) external {
        uint256 id = tokens[t % tokens.length];
        address spender = who % 5 == 4 ? address(0) : actors[who % actors.length];
        TRACK_VM.prank(actors[by % actors.length]);
        (bool ok, ) = address(tracks).call(abi.encodeCall(tracks.approve, (spender, id)));
        ok;
    }

    function setOperator(uint256 by, uint256 operator, bool approved) external {
        TRACK_VM.prank(actors[by % actors.length]);
        tracks.setApprovalForAll(actors[operator % actors.length], approved);
    }
}

contract OwnershipInvariantsTest is Test {
    TrackCollection internal tracks;
    OwnershipHandler internal handler;

    function setUp() public {
        tracks = new TrackCollection("Motif", "M");
        handler = new OwnershipHandler(tracks);
        targetContract(address(handler));
    }

    /// @dev Ownership only changes by the owner, an address approved for the token, or an operator of the owner;
    /// the token's approval never survives a move; owners, balances and versions match the model.
    function invariant_ownershipOnlyByOwnerOrApproved() public view {
        _checkOwnership();
    }

    /**
     * @dev The same property as a stateful fuzz over 10,000 random sequences of 10 moves (by anyone, from anyone,
     * by every entry point), approvals and operator grants.
     * forge-config: default.fuzz.runs = 10000
     */
    function testFuzz_ownership_onlyByOwnerOrApproved(uint64[10] calldata steps) public {
        for (uint256 i = 0; i < steps.length; ++i) {
            uint256 step = steps[i];
            uint256 kind = step % 4;
            if (kind < 2) handler.move(step >> 2, step >> 6, step >> 10, step >> 14, uint8(step >> 18));
            else if (kind == 2) handler.approve(step >> 2, step >> 6, step >> 10);
            else handler.setOperator(step >> 2, step >> 6, (step >> 10) & 1 == 1);
        }
        // Unauthorized and approval-keeping moves are counted by the handler at the step they happen.
        _checkOwnership();
    }

    function _checkOwnership() internal view {
        assertEq(handler.unauthorizedMoves(), 0);
        assertEq(handler.staleApprovals(), 0);
        uint256 total;
        for (uint256 a = 0; a < handler.actorCount(); ++a) total += tracks.balanceOf(handler.actors(a));
        assertEq(total, handler.tokenCount());
        for (uint256 t = 0; t < handler.tokenCount(); ++t) {
            uint256 id = handler.tokens(t);
            assertEq(tracks.ownerOf(id), handler.modelOwner(id));
            assertEq(tracks.tokenVersion(id), handler.modelMoves(id) % 32_768);
            uint256 owned;
            for (uint256 u = 0; u < handler.tokenCount(); ++u) {
                if (tracks.ownerOf(handler.tokens(u)) == tracks.ownerOf(id)) ++owned;
            }
            assertEq(tracks.balanceOf(tracks.ownerOf(id)), owned);
        }
    }
}
