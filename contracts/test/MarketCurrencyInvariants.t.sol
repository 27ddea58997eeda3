// solhint-disable func-name-mixedcase, one-contract-per-file, use-forbidden-name, gas-custom-errors, gas-increment-by-one
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test, Vm} from "./utils/Test.sol";
import {Market} from "../Market.sol";
import {MotifTestUSD} from "../testnet/MotifTestUSD.sol";
import {VersionedCollection, PlainCollection} from "./mocks/MarketMocks.sol";
import {MockERC20} from "./mocks/MockERC20.sol";

Vm constant VM_C = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

/**
 * @notice Random programs of sales in three currencies (native, a 6-decimal and an 18-decimal ERC-20): listings,
 * buys (often with the wrong currency or price), signed currency orders (replays included), offers, acceptances,
 * cancellations, withdrawals, token moves, fee changes, an 18-decimal token removed from and put back on the
 * allowlist, time jumps. Per currency it tracks every unit paid in and withdrawn, and checks each sale's credits.
 */
contract MarketCurrencyHandler {
    Market public immutable market;
    VersionedCollection public immutable versioned;
    PlainCollection public immutable plain;
    MotifTestUSD public immutable usd;
    MockERC20 public immutable dai;
    address public constant ROYALTY = address(0x5EC);
    address public constant FEE = address(0xFEE);
    uint256 internal constant TOKENS = 4;
    uint256[4] internal _keys = [uint256(0xA11CE), 0xB0B, 0xCA401, 0xDA7E];
    address[4] public actors;
    uint256 internal immutable _start;

    /// @dev index 0 native, 1 usd, 2 dai.
    uint256[3] public deposited;
    uint256[3] public withdrawn;
    /// @dev A sale whose credits + fee + royalty differ from what was paid, or a refused-currency sale that went through.
    uint256 public violations;
    uint256 public sales;

    constructor(Market market_) {
        market = market_;
        _start = block.timestamp;
        versioned = new VersionedCollection();
        plain = new PlainCollection();
        usd = new MotifTestUSD();
        dai = new MockERC20(18);
        for (uint256 i = 0; i < 4; ++i) {
            actors[i] = VM_C.addr(_keys[i]);
            VM_C.startPrank(actors[i]);
            versioned.setApprovalForAll(address(market), true);
            plain.setApprovalForAll(address(market), true);
            usd.approve(address(market), type(uint256).max);
            dai.approve(address(market), type(uint256).max);
            VM_C.stopPrank();
        }
        for (uint256 t = 0; t < TOKENS; ++t) {
            (address c, uint256 id) = _token(t);
            PlainCollection(c).mint(actors[t], id, ROYALTY, uint96(1250 * (t + 1)));
        }
    }

    function allowAll() external {
        market.setCurrencyAllowed(address(usd), true);
        market.setCurrencyAllowed(address(dai), true);
    }

    function _token(uint256 t) internal view returns (address collection, uint256 id) {
        return (t < 2 ? address(versioned) : address(plain), 1 + (t % 2));
    }

    function _currency(uint256 k) internal view returns (address) {
        k %= 3;
        return k == 0 ? address(0) : k == 1 ? address(usd) : address(dai);
    }

    function _index(address currency) internal view returns (uint256) {
        return currency == address(0) ? 0 : currency == address(usd) ? 1 : 2;
    }

    function _fund(address who, address currency, uint256 amount) internal {
        if (currency == address(0)) VM_C.deal(who, who.balance + amount);
        else MockERC20(currency).mint(who, amount);
    }

    /// @notice Everything the market owes in `currency`: every tracked account's credits plus escrowed offers.
    function liabilities(address currency) public view returns (uint256 total) {
        address[6] memory accounts = [actors[0], actors[1], actors[2], actors[3], FEE, ROYALTY];
        for (uint256 i = 0; i < 6; ++i) {
            total += currency == address(0)
                ? market.creditsOf(accounts[i])
                : market.currencyCreditsOf(accounts[i], currency);
        }
        for (uint256 i = 0; i < 4; ++i) {
            for (uint256 t = 0; t < TOKENS; ++t) {
                (address c, uint256 id) = _token(t);
                (uint256 amount, ) = currency == address(0)
                    ? market.offerOf(c, id, actors[i])
                    : market.currencyOfferOf(c, id, actors[i], currency);
                total += amount;
            }
        }
    }

    // ------------------------------------------------------------------ actions

    function list(uint256 t, uint256 who, uint256 price, uint256 k) external {
        t %= TOKENS;
        (address c, uint256 id) = _token(t);
        address currency = _currency(k);
        price = 1 + (price % (currency == address(usd) ? 1_000e6 : 10 ether));
        uint64 expiry = uint64(block.timestamp + 1 + (k >> 8) % 30 days);
        VM_C.prank(actors[who % 4]);
        if (currency == address(0)) {
            try market.list(c, id, price, expiry) {} catch {}
        } else {
            try market.listInCurrency(c, id, currency, price, expiry) {} catch {}
        }
    }

    /// @dev Buys token `t` paying in currency `k` the listing's price, or (when `skew` is odd) one unit less.
    function buy(uint256 t, uint256 who, uint256 k, uint256 skew) external {
        t %= TOKENS;
        (address c, uint256 id) = _token(t);
        address buyer = actors[who % 4];
        address currency = _currency(k);
        (, uint256 price, , ) = market.listingOf(c, id);
        if (skew % 2 == 1 && price > 1) price -= 1;
        bool allowed = currency == address(0) || market.currencyAllowed(currency);
        uint256 before = liabilities(currency);
        _fund(buyer, currency, price);
        VM_C.prank(buyer);
        if (currency == address(0)) {
            try market.buy{value: price}(c, id) {
                _sold(0, price, before);
            } catch {}
        } else {
            try market.buyInCurrency(c, id, currency, price) {
                if (!allowed) ++violations;
                _sold(_index(currency), price, before);
            } catch {}
        }
    }

    function _sold(uint256 index, uint256 price, uint256 before) internal {
        deposited[index] += price;
        ++sales;
        if (liabilities(_currency(index)) != before + price) ++violations;
    }

    function fill(uint256 t, uint256 who, uint256 shape, uint256 buyerSeed) external {
        t %= TOKENS;
        (address c, uint256 id) = _token(t);
        uint256 signer = who % 4;
        address currency = (shape >> 40) % 2 == 0 ? address(usd) : address(dai);
        uint256 version = c == address(versioned) ? versioned.tokenVersion(id) : 0;
        Market.CurrencyOrder memory o = Market.CurrencyOrder({
            seller: actors[signer],
            collection: c,
            tokenId: id,
            currency: currency,
            price: 1e6 * (1 + (shape % 2)),
            maxFeeBps: uint16((shape >> 16) % 1001),
            tokenVersion: version >= (shape >> 8) % 2 ? version - ((shape >> 8) % 2) : 0,
            expiry: uint64(_start + ((shape >> 24) % 2 == 0 ? 1 days : 3 days)),
            nonce: (shape >> 32) % 4
        });
        (uint8 v, bytes32 r, bytes32 s) = VM_C.sign(_keys[signer], market.currencyOrderDigest(o));
        address buyer = actors[buyerSeed % 4];
        bool allowed = market.currencyAllowed(currency);
        uint256 before = liabilities(currency);
        _fund(buyer, currency, o.price);
        VM_C.prank(buyer);
        try market.fillInCurrency(o, abi.encodePacked(r, s, v)) {
            if (!allowed) ++violations;
            _sold(_index(currency), o.price, before);
        } catch {}
    }

    function moveToken(uint256 t, uint256 to) external {
        t %= TOKENS;
        (address c, uint256 id) = _token(t);
        address owner = PlainCollection(c).ownerOf(id);
        VM_C.prank(owner);
        PlainCollection(c).transferFrom(owner, actors[to % 4], id);
    }

    function offer(uint256 t, uint256 who, uint256 amount, uint256 k) external {
        t %= TOKENS;
        (address c, uint256 id) = _token(t);
        address buyer = actors[who % 4];
        address currency = _currency(k);
        amount = 1 + (amount % 5e6);
        _fund(buyer, currency, amount);
        VM_C.prank(buyer);
        if (currency == address(0)) {
            try market.makeOffer{value: amount}(c, id, uint64(block.timestamp + 2 days)) {
                deposited[0] += amount;
            } catch {}
        } else {
            try market.makeOfferInCurrency(c, id, currency, amount, uint64(block.timestamp + 2 days)) {
                deposited[_index(currency)] += amount;
            } catch {}
        }
    }

    function cancelOffer(uint256 t, uint256 who, uint256 k) external {
        t %= TOKENS;
        (address c, uint256 id) = _token(t);
        address currency = _currency(k);
        VM_C.prank(actors[who % 4]);
        if (currency == address(0)) {
            try market.cancelOffer(c, id) {} catch {}
        } else {
            try market.cancelOfferInCurrency(c, id, currency) {} catch {}
        }
    }

    function acceptOffer(uint256 t, uint256 who, uint256 k, uint16 maxFeeBps) external {
        t %= TOKENS;
        (address c, uint256 id) = _token(t);
        address buyer = actors[who % 4];
        address currency = _currency(k);
        address owner = PlainCollection(c).ownerOf(id);
        uint256 before = liabilities(currency);
        VM_C.prank(owner);
        if (currency == address(0)) {
            (uint256 amount, ) = market.offerOf(c, id, buyer);
            try market.acceptOffer(c, id, buyer, amount, maxFeeBps) {
                if (liabilities(currency) != before) ++violations;
            } catch {}
        } else {
            (uint256 amount, ) = market.currencyOfferOf(c, id, buyer, currency);
            bool allowed = market.currencyAllowed(currency);
            try market.acceptOfferInCurrency(c, id, buyer, currency, amount, maxFeeBps) {
                if (!allowed) ++violations;
                // The escrow became credits: what is owed in the currency is unchanged.
                if (liabilities(currency) != before) ++violations;
            } catch {}
        }
    }

    function withdraw(uint256 who, uint256 k, bool toOther) external {
        uint256 w = who % 6;
        address account = w == 4 ? FEE : w == 5 ? ROYALTY : actors[w];
        address currency = _currency(k);
        uint256 i = _index(currency);
        if (currency == address(0)) {
            uint256 due = market.creditsOf(account);
            try market.withdraw(payable(account)) {
                withdrawn[i] += due;
            } catch {}
        } else {
            uint256 due = market.currencyCreditsOf(account, currency);
            if (toOther) {
                VM_C.prank(account);
                try market.withdrawCurrencyTo(currency, address(0xD0D0)) {
                    withdrawn[i] += due;
                } catch {}
            } else {
                try market.withdrawCurrency(account, currency) {
                    withdrawn[i] += due;
                } catch {}
            }
        }
    }

    function setFee(uint16 bps) external {
        market.setFee(FEE, bps % 1001);
    }

    /// @dev The owner removes the 18-decimal token from the allowlist, or puts it back.
    function toggleDai(bool allowed) external {
        market.setCurrencyAllowed(address(dai), allowed);
    }

    function warp(uint256 dt) external {
        VM_C.warp(block.timestamp + (dt % 2 days));
    }

    function step(uint256 word) external {
        uint256 a = uint256(keccak256(abi.encode(word, 1)));
        uint256 b = uint256(keccak256(abi.encode(word, 2)));
        uint256 c = uint256(keccak256(abi.encode(word, 3)));
        uint256 d = uint256(keccak256(abi.encode(word, 4)));
        uint256 action = word % 14;
        if (action == 0 || action == 1) this.list(a, b, c, d);
        else if (action == 2 || action == 3) this.buy(a, b, c, d);
        else if (action == 4 || action == 5) this.fill(a, b, c, d);
        else if (action == 6) this.moveToken(a, b);
        else if (action == 7) this.offer(a, b, c, d);
        else if (action == 8) this.cancelOffer(a, b, c);
        else if (action == 9) this.acceptOffer(a, b, c, uint16(d % 1001));
        else if (action == 10) this.withdraw(a, b, c % 2 == 0);
        else if (action == 11) this.setFee(uint16(a));
        else if (action == 12) this.toggleDai(a % 2 == 0);
        else this.warp(a);
    }
}

contract MarketCurrencyInvariantsTest is Test {
    Market internal market;
    MarketCurrencyHandler internal handler;

    function setUp() public {
        market = new Market(address(this));
        handler = new MarketCurrencyHandler(market);
        market.transferOwnership(address(handler));
        handler.allowAll();
    }

    /**
     * @dev Per currency (native, 6-decimal, 18-decimal): the market holds exactly what it owes (credits + escrowed
     * offers); every unit paid in is held or withdrawn; every sale credited seller + royalty + fee == price; no sale
     * went through in a currency off the allowlist. 10,000 random 16-step programs (see MarketInvariants for why
     * stateful fuzzing rather than an `invariant_` campaign).
     * forge-config: default.fuzz.runs = 10000
     */
    function testFuzz_perCurrency_creditsFeesRoyaltiesEqualPaid(uint256[16] calldata program) public {
        for (uint256 i = 0; i < program.length; ++i) handler.step(program[i]);
        address[3] memory currencies = [address(0), address(handler.usd()), address(handler.dai())];
        for (uint256 k = 0; k < 3; ++k) {
            uint256 owed = handler.liabilities(currencies[k]);
            uint256 held = k == 0 ? address(market).balance : MockERC20(currencies[k]).balanceOf(address(market));
            assertEq(held, owed, "balance == credits + escrowed offers, per currency");
            assertEq(handler.deposited(k), owed + handler.withdrawn(k), "paid in == held + withdrawn, per currency");
        }
        assertEq(handler.violations(), 0, "a sale's credits differ from its price, or a refused currency sold");
    }
}
