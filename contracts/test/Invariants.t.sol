// solhint-disable func-name-mixedcase, one-contract-per-file, use-forbidden-name, gas-custom-errors, gas-increment-by-one
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test, Vm} from "./utils/Test.sol";
import {SplitMain} from "../splits/SplitMain.sol";
import {Market} from "../Market.sol";
import {TrackCollection} from "../TrackCollection.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

Vm constant VM = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

/// @notice Random payments, distributions and withdrawals over a few splits.
contract SplitHandler {
    SplitMain public immutable main;
    address[] public splits;
    mapping(address split => address[]) internal _accounts;
    mapping(address split => uint32[]) internal _shares;
    address[] public everyone;
    uint256 public paidIn;
    uint256 public withdrawn;
    uint256 public roundingViolations;

    constructor(SplitMain main_) {
        main = main_;
        for (uint256 s = 0; s < 3; ++s) {
            uint256 n = 2 + s * 4; // 2, 6, 10 recipients
            address[] memory acc = new address[](n);
            uint32[] memory sh = new uint32[](n);
            uint256 left = 1e6;
            for (uint256 i = 0; i < n; ++i) {
                acc[i] = address(uint160(0x10000 + s * 100 + i));
                uint256 part = i == n - 1 ? left : (left / (n - i)) - i * 7 + 3;
                sh[i] = uint32(part);
                left -= part;
                everyone.push(acc[i]);
            }
            address split = main.createSplit(acc, sh, address(0));
            splits.push(split);
            _accounts[split] = acc;
            _shares[split] = sh;
        }
    }

    function pay(uint256 which, uint256 amount) external {
        address split = splits[which % splits.length];
        amount = amount % 1e24;
        VM.deal(split, split.balance + amount);
        paidIn += amount;
    }

    function distribute(uint256 which) external {
        address split = splits[which % splits.length];
        address[] memory acc = _accounts[split];
        uint32[] memory sh = _shares[split];
        uint256 amount = split.balance;
        uint256[] memory before = new uint256[](acc.length);
        for (uint256 i = 0; i < acc.length; ++i) before[i] = main.balanceOf(acc[i], address(0));
        main.distributeETH(split, acc, sh);
        uint256 total;
        for (uint256 i = 0; i < acc.length; ++i) {
            uint256 got = main.balanceOf(acc[i], address(0)) - before[i];
            total += got;
            // short by a whole wei or more against the exact share?
            if (got * 1e6 + 1e6 <= amount * sh[i]) ++roundingViolations;
        }
        if (total != amount) ++roundingViolations;
    }

    function withdraw(uint256 who) external {
        address account = everyone[who % everyone.length];
        uint256 due = main.balanceOf(account, address(0));
        if (due == 0) return;
        main.withdraw(account, true, new IERC20[](0));
        withdrawn += due;
    }

    function creditedTotal() external view returns (uint256 total) {
        for (uint256 i = 0; i < everyone.length; ++i) total += main.balanceOf(everyone[i], address(0));
    }

    function splitBalances() external view returns (uint256 total) {
        for (uint256 i = 0; i < splits.length; ++i) total += splits[i].balance;
    }
}

contract SplitInvariantsTest is Test {
    SplitMain internal main;
    SplitHandler internal handler;

    function setUp() public {
        main = new SplitMain();
        handler = new SplitHandler(main);
        targetContract(address(handler));
    }

    /// @dev Every wei in is either still in a split, credited in the ledger, or withdrawn.
    function invariant_fundsConserved() public view {
        assertEq(handler.paidIn(), handler.splitBalances() + handler.creditedTotal() + handler.withdrawn());
        assertEq(address(main).balance, handler.creditedTotal());
    }

    function invariant_noPayeeShortByAWei() public view {
        assertEq(handler.roundingViolations(), 0);
    }
}

/// @notice Random listings, purchases, offers and withdrawals over a few tokens and actors.
contract MarketHandler {
    Market public immutable market;
    TrackCollection public immutable tracks;
    address[] public actors;
    uint256[] public tokens;
    mapping(uint256 tokenId => uint256) public listingSerial;
    mapping(uint256 tokenId => mapping(uint256 serial => uint256)) public sales;
    uint256 public doubleSales;
    uint256 public deposited;
    uint256 public withdrawn;

    constructor(Market market_, TrackCollection tracks_) {
        market = market_;
        tracks = tracks_;
        for (uint256 i = 0; i < 4; ++i) {
            address a = address(uint160(0xA000 + i));
            actors.push(a);
            VM.prank(a);
            tracks.setApprovalForAll(address(market), true);
        }
        for (uint256 i = 0; i < 3; ++i) {
            uint256 id = tracks.mint(actors[i], keccak256(abi.encode("token", i)), bytes32(0), address(0xFEE), 750, 0);
            tokens.push(id);
        }
    }

    function list(uint256 t, uint256 price) external {
        uint256 id = tokens[t % tokens.length];
        address owner = tracks.ownerOf(id);
        price = 1 + (price % 10 ether);
        VM.prank(owner);
        market.list(address(tracks), id, price);
        ++listingSerial[id];
    }

    function buy(uint256 t, uint256 who) external {
        uint256 id = tokens[t % tokens.length];
        address buyer = actors[who % actors.length];
        (, uint256 price, ) = market.listingOf(address(tracks), id);
        VM.deal(buyer, buyer.balance + price);
        VM.prank(buyer);
        market.buy{value: price}(address(tracks), id);
        deposited += price;
        if (++sales[id][listingSerial[id]] > 1) ++doubleSales;
    }

    function moveToken(uint256 t, uint256 who) external {
        uint256 id = tokens[t % tokens.length];
        address owner = tracks.ownerOf(id);
        VM.prank(owner);
        tracks.transferFrom(owner, actors[who % actors.length], id);
    }

    function offer(uint256 t, uint256 who, uint256 amount) external {
        uint256 id = tokens[t % tokens.length];
        address buyer = actors[who % actors.length];
        amount = 1 + (amount % 5 ether);
        VM.deal(buyer, buyer.balance + amount);
        VM.prank(buyer);
        market.makeOffer{value: amount}(address(tracks), id, type(uint64).max);
        deposited += amount;
    }

    function cancelOffer(uint256 t, uint256 who) external {
        VM.prank(actors[who % actors.length]);
        market.cancelOffer(address(tracks), tokens[t % tokens.length]);
    }

    function acceptOffer(uint256 t, uint256 who) external {
        uint256 id = tokens[t % tokens.length];
        address buyer = actors[who % actors.length];
        (uint256 amount, ) = market.offerOf(address(tracks), id, buyer);
        address owner = tracks.ownerOf(id);
        VM.prank(owner);
        market.acceptOffer(address(tracks), id, buyer, amount);
    }

    function withdraw(uint256 who) external {
        address account = who % 5 == 4 ? address(0xFEE) : actors[who % actors.length];
        uint256 due = market.creditsOf(account);
        market.withdraw(payable(account));
        withdrawn += due;
    }

    function liabilities() external view returns (uint256 total) {
        total = market.creditsOf(address(0xFEE));
        for (uint256 i = 0; i < actors.length; ++i) {
            total += market.creditsOf(actors[i]);
            for (uint256 t = 0; t < tokens.length; ++t) {
                (uint256 amount, ) = market.offerOf(address(tracks), tokens[t], actors[i]);
                total += amount;
            }
        }
    }
}

contract MarketInvariantsTest is Test {
    Market internal market;
    MarketHandler internal handler;

    function setUp() public {
        market = new Market(address(this));
        TrackCollection tracks = new TrackCollection("Motif", "M");
        handler = new MarketHandler(market, tracks);
        targetContract(address(handler));
    }

    function invariant_noListingSoldTwice() public view {
        assertEq(handler.doubleSales(), 0);
    }

    /// @dev The market holds exactly what it owes: credits plus escrowed offers.
    function invariant_marketSolvent() public view {
        assertEq(address(market).balance, handler.liabilities());
        assertEq(handler.deposited(), handler.liabilities() + handler.withdrawn());
    }
}

/// @notice Random redemptions (and replays) of a small set of signed vouchers, plus cancellations.
contract VoucherHandler {
    TrackCollection public immutable tracks;
    uint256 internal constant KEY = 0xC0FFEE;
    address public immutable creator;
    mapping(uint256 nonce => uint256) public redemptions;
    uint256 public doubleRedemptions;
    uint256 public paid;

    constructor(TrackCollection tracks_) {
        tracks = tracks_;
        creator = VM.addr(KEY);
    }

    function _voucher(uint256 nonce, uint256 variant) internal view returns (TrackCollection.Voucher memory) {
        return
            TrackCollection.Voucher({
                creator: creator,
                content: keccak256(abi.encode(nonce, variant)),
                manifest: bytes32(0),
                price: 1 gwei * (1 + (nonce % 3)),
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
        (uint8 sv, bytes32 r, bytes32 s) = VM.sign(KEY, tracks.voucherDigest(v));
        VM.deal(address(this), v.price);
        tracks.redeem{value: v.price}(v, abi.encodePacked(r, s, sv), address(0xC011));
        paid += v.price;
        if (++redemptions[nonce] > 1) ++doubleRedemptions;
    }

    function cancel(uint256 nonce) external {
        VM.prank(creator);
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

    function invariant_noVoucherRedeemedTwice() public view {
        assertEq(handler.doubleRedemptions(), 0);
    }

    function invariant_proceedsCredited() public view {
        assertEq(tracks.creditsOf(handler.creator()), handler.paid());
        assertEq(address(tracks).balance, handler.paid());
    }
}
