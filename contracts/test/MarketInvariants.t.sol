// solhint-disable func-name-mixedcase, one-contract-per-file, use-forbidden-name, gas-custom-errors, gas-increment-by-one
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test, Vm} from "./utils/Test.sol";
import {Market} from "../Market.sol";
import {VersionedCollection, PlainCollection} from "./mocks/MarketMocks.sol";

Vm constant VM = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

/**
 * @notice Random listings, purchases, signed orders (fresh, stale, replayed, cancelled), offers, token moves, fee
 * changes, time jumps and withdrawals over four tokens (two in a collection with {ITokenVersion}, two without) and
 * four actors. It keeps a ghost model of who may own each token; any successful call the model does not allow is
 * counted as a violation.
 */
contract MarketHandler {
    Market public immutable market;
    VersionedCollection public immutable versioned;
    PlainCollection public immutable plain;
    address public constant ROYALTY = address(0x5EC);
    address public constant FEE = address(0xFEE);
    uint256 internal constant TOKENS = 4;
    uint256[4] internal _keys = [uint256(0xA11CE), 0xB0B, 0xCA401, 0xDA7E];
    address[4] public actors;

    // Ghost model.
    mapping(uint256 t => address) public ghostOwner;
    mapping(uint256 t => uint256) public ghostMoves;

    struct GhostListing {
        address seller;
        uint64 expiry;
        uint256 moves; // ghostMoves when listed
        uint256 serial;
    }
    mapping(uint256 t => GhostListing) internal _listed;
    uint256 internal _serials;
    mapping(uint256 serial => uint256) public listingSales;

    mapping(bytes32 digest => uint256) public orderSales;
    uint256 internal immutable _start;
    mapping(address seller => mapping(uint256 nonce => bool)) internal _nonceGone;

    uint256 public doubleSales;
    uint256 public sales;
    uint256 public violations;
    uint256 public deposited;
    uint256 public withdrawn;

    constructor(Market market_) {
        market = market_;
        _start = block.timestamp;
        versioned = new VersionedCollection();
        plain = new PlainCollection();
        for (uint256 i = 0; i < 4; ++i) {
            actors[i] = VM.addr(_keys[i]);
            VM.startPrank(actors[i]);
            versioned.setApprovalForAll(address(market), true);
            plain.setApprovalForAll(address(market), true);
            VM.stopPrank();
        }
        for (uint256 t = 0; t < TOKENS; ++t) {
            address owner = actors[t];
            (address c, uint256 id) = _token(t);
            PlainCollection(c).mint(owner, id, ROYALTY, uint96(250 * (t + 1)));
            ghostOwner[t] = owner;
        }
    }

    function _token(uint256 t) internal view returns (address collection, uint256 id) {
        return (t < 2 ? address(versioned) : address(plain), 1 + (t % 2));
    }

    function _moved(uint256 t, address to) internal {
        ghostOwner[t] = to;
        ++ghostMoves[t];
    }

    // ------------------------------------------------------------------ actions

    function list(uint256 t, uint256 who, uint256 price, uint256 duration) external {
        t %= TOKENS;
        address seller = actors[who % 4];
        (address c, uint256 id) = _token(t);
        price = 1 + (price % 10 ether);
        uint64 expiry = uint64(block.timestamp + 1 + (duration % 30 days));
        VM.prank(seller);
        try market.list(c, id, price, expiry) {
            if (seller != ghostOwner[t]) ++violations;
            _listed[t] = GhostListing(seller, expiry, ghostMoves[t], ++_serials);
        } catch {}
    }

    function buy(uint256 t, uint256 who) external {
        t %= TOKENS;
        address buyer = actors[who % 4];
        (address c, uint256 id) = _token(t);
        (, uint256 price, , ) = market.listingOf(c, id);
        VM.deal(buyer, buyer.balance + price);
        VM.prank(buyer);
        try market.buy{value: price}(c, id) {
            GhostListing memory l = _listed[t];
            bool allowed = l.seller == ghostOwner[t] && block.timestamp <= l.expiry && (t >= 2 || l.moves == ghostMoves[t]);
            if (!allowed) ++violations;
            if (++listingSales[l.serial] > 1) ++doubleSales;
            ++sales;
            deposited += price;
            _moved(t, buyer);
        } catch {}
    }

    function _signedOrder(uint256 t, uint256 signer, uint256 shape) internal view returns (Market.Order memory o, bytes memory sig) {
        (address c, uint256 id) = _token(t);
        uint256 version = c == address(versioned) ? versioned.tokenVersion(id) : 0;
        uint256 back = (shape >> 8) % 3;
        o = Market.Order({
            seller: actors[signer],
            collection: c,
            tokenId: id,
            price: 1 gwei * (1 + (shape % 2)),
            maxFeeBps: uint16((shape >> 16) % 1001),
            tokenVersion: version >= back ? version - back : 0,
            expiry: uint64(_start + ((shape >> 24) % 2 == 0 ? 1 days : 3 days)),
            nonce: (shape >> 32) % 4
        });
        (uint8 v, bytes32 r, bytes32 s) = VM.sign(_keys[signer], market.orderDigest(o));
        sig = abi.encodePacked(r, s, v);
    }

    /**
     * @dev `who` signs an order for token `t` and `buyer` fills it. Orders are drawn from a small space (4 nonces,
     * 2 prices, 2 expiries, the token's current version or one or two versions back), so the same order is often
     * signed and filled again: replays of filled, cancelled, expired and stale orders.
     */
    function fill(uint256 t, uint256 who, uint256 shape, uint256 buyerSeed) external {
        t %= TOKENS;
        (Market.Order memory o, bytes memory signature) = _signedOrder(t, who % 4, shape);
        bytes32 digest = market.orderDigest(o);
        uint256 id = o.tokenId;
        address buyer = actors[buyerSeed % 4];
        VM.deal(buyer, buyer.balance + o.price);
        VM.prank(buyer);
        try market.fill{value: o.price}(o, signature) {
            bool fresh = t < 2 ? o.tokenVersion == versioned.tokenVersion(id) - 1 : true;
            bool allowed = o.seller == ghostOwner[t] && block.timestamp <= o.expiry && fresh &&
                !_nonceGone[o.seller][o.nonce];
            if (!allowed) ++violations;
            if (t >= 2) _nonceGone[o.seller][o.nonce] = true;
            if (++orderSales[digest] > 1) ++doubleSales;
            ++sales;
            deposited += o.price;
            _moved(t, buyer);
        } catch {}
    }

    function cancelNonce(uint256 who, uint256 nonce) external {
        address seller = actors[who % 4];
        nonce %= 4;
        VM.prank(seller);
        try market.cancelOrderNonce(nonce) {
            _nonceGone[seller][nonce] = true;
        } catch {}
    }

    /// @dev The owner moves the token itself (a gift, a sale elsewhere, its other wallet).
    function moveToken(uint256 t, uint256 to) external {
        t %= TOKENS;
        (address c, uint256 id) = _token(t);
        address owner = ghostOwner[t];
        address recipient = actors[to % 4];
        VM.prank(owner);
        PlainCollection(c).transferFrom(owner, recipient, id);
        _moved(t, recipient);
    }

    function offer(uint256 t, uint256 who, uint256 amount) external {
        t %= TOKENS;
        (address c, uint256 id) = _token(t);
        address buyer = actors[who % 4];
        amount = 1 + (amount % 5 ether);
        VM.deal(buyer, buyer.balance + amount);
        VM.prank(buyer);
        try market.makeOffer{value: amount}(c, id, uint64(block.timestamp + 2 days)) {
            deposited += amount;
        } catch {}
    }

    function cancelOffer(uint256 t, uint256 who) external {
        t %= TOKENS;
        (address c, uint256 id) = _token(t);
        VM.prank(actors[who % 4]);
        try market.cancelOffer(c, id) {} catch {}
    }

    /// @dev `caller` (often not the owner) tries to accept `who`'s offer.
    function acceptOffer(uint256 t, uint256 who, uint256 caller, uint16 maxFeeBps) external {
        t %= TOKENS;
        (address c, uint256 id) = _token(t);
        address buyer = actors[who % 4];
        address accepting = caller % 3 == 0 ? actors[caller % 4] : ghostOwner[t];
        (uint256 amount, ) = market.offerOf(c, id, buyer);
        VM.prank(accepting);
        try market.acceptOffer(c, id, buyer, amount, maxFeeBps) {
            if (accepting != ghostOwner[t]) ++violations;
            _moved(t, buyer);
        } catch {}
    }

    function withdraw(uint256 who, bool toOther) external {
        uint256 k = who % 6;
        address account = k == 4 ? FEE : k == 5 ? ROYALTY : actors[k];
        uint256 due = market.creditsOf(account);
        if (toOther) {
            VM.prank(account);
            try market.withdrawTo(payable(address(0xD0D0))) {
                withdrawn += due;
            } catch {}
        } else {
            try market.withdraw(payable(account)) {
                withdrawn += due;
            } catch {}
        }
    }

    function setFee(uint16 bps) external {
        VM.prank(market.owner());
        market.setFee(FEE, bps % 1001);
    }

    function warp(uint256 dt) external {
        VM.warp(block.timestamp + (dt % 2 days));
    }

    /// @dev Runs one action chosen and parameterised by `word` (the fuzz test feeds a program of such words).
    function step(uint256 word) external {
        uint256 a = uint256(keccak256(abi.encode(word, 1)));
        uint256 b = uint256(keccak256(abi.encode(word, 2)));
        uint256 c = uint256(keccak256(abi.encode(word, 3)));
        uint256 action = word % 13;
        if (action == 0) this.list(a, b, c, word >> 8);
        else if (action == 1 || action == 2) this.buy(a, b);
        else if (action == 3 || action == 4 || action == 5) this.fill(a, b, c, word >> 8);
        else if (action == 6) this.cancelNonce(a, b);
        else if (action == 7) this.moveToken(a, b);
        else if (action == 8) this.offer(a, b, c);
        else if (action == 9) this.acceptOffer(a, b, c, uint16(word >> 8));
        else if (action == 10) this.withdraw(a, (word >> 4) & 1 == 1);
        else if (action == 11) this.setFee(uint16(a));
        else this.warp(a);
    }

    // ------------------------------------------------------------------ views for the invariants

    function liabilities() external view returns (uint256 total) {
        total = market.creditsOf(FEE) + market.creditsOf(ROYALTY);
        for (uint256 i = 0; i < 4; ++i) {
            total += market.creditsOf(actors[i]);
            for (uint256 t = 0; t < TOKENS; ++t) {
                (address c, uint256 id) = _token(t);
                (uint256 amount, ) = market.offerOf(c, id, actors[i]);
                total += amount;
            }
        }
    }

    /// @return mismatches tokens whose real owner differs from the ghost model's.
    function ownerMismatches() external view returns (uint256 mismatches) {
        for (uint256 t = 0; t < TOKENS; ++t) {
            (address c, uint256 id) = _token(t);
            if (PlainCollection(c).ownerOf(id) != ghostOwner[t]) ++mismatches;
        }
    }
}

contract MarketInvariantsTest is Test {
    Market internal market;
    MarketHandler internal handler;

    function setUp() public {
        market = new Market(address(this));
        handler = new MarketHandler(market);
        market.transferOwnership(address(handler));
    }

    /// @dev The three market properties.
    function _checkProperties() internal view {
        // 1. Funds: every wei in is credited, escrowed in an offer, or withdrawn; the market holds what it owes.
        uint256 owed = handler.liabilities();
        assertEq(address(market).balance, owed, "balance == credits + escrowed offers");
        assertEq(handler.deposited(), owed + handler.withdrawn(), "wei in == held + withdrawn");
        // 2. No listing (by its serial) and no signed order is ever sold twice, replays included.
        assertEq(handler.doubleSales(), 0, "sold twice");
        // 3. Tokens only change hands by their owner, through a live listing or order the owner made for the token
        //    as it is now (its version), or an offer the owner accepted; real owners always match the model.
        assertEq(handler.violations(), 0, "a call the model forbids succeeded");
        assertEq(handler.ownerMismatches(), 0, "owner differs from the model");
    }

    /**
     * @dev Stateful property fuzzing: each run executes a random 16-step program of handler actions, then checks
     * the three properties. Double sales and forbidden successes are counted by the handler the moment a call
     * succeeds, so properties 2 and 3 are in effect checked after every step. Why not a forge `invariant_`
     * campaign: 10,000 runs x 12 calls took about two minutes on this 2-core machine; 10,000 programs of 16 steps
     * run here in seconds. Seen failing: with the market's version check removed (property 3) and with the
     * accepted-fee cap removed (Market.t.sol's sale fuzz).
     * forge-config: default.fuzz.runs = 10000
     */
    function testFuzz_fundsConserved_soldAtMostOnce_ownershipOnlyByOwner(uint256[16] calldata program) public {
        for (uint256 i = 0; i < program.length; ++i) handler.step(program[i]);
        _checkProperties();
    }
}
