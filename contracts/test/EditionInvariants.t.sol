// solhint-disable func-name-mixedcase, one-contract-per-file, use-forbidden-name, gas-custom-errors, gas-increment-by-one
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Editions} from "../Editions.sol";
import {EditionsBase} from "./Editions.t.sol";

/**
 * @notice Editions properties over random programs (10,000 runs, 16 steps each, checked every fourth step): mints by random actors in random
 * phases and quantities with random referrers (self-referrals included), airdrops, time passing, releases and
 * withdrawals. After every fourth step: copies minted never exceed the supply, phase and per-wallet caps; every wei paid
 * in is held (pending revenue + credits) or was withdrawn, and the contract's balance is exactly what it owes;
 * referral credits never exceed the creator's share of what was paid.
 * Caps bind in practice: supply 20, phase 0 capped at 8 copies and 3 per wallet, phase 1 at 4 per wallet.
 */
contract EditionInvariantsTest is EditionsBase {
    Editions internal e;
    uint256 internal id;
    address internal carol = address(0xCA201);
    address[3] internal actors;
    uint32 internal constant SUPPLY = 20;

    uint256 internal paidIn;
    uint256 internal withdrawn;

    function setUp() public {
        _setUpActors();
        vm.deal(carol, 1000 ether);
        actors = [collector, friend, carol];
        e = new Editions("Motif Editions", "MOTIFED");
        Editions.EditionInit memory init = _init(CONTENT);
        init.maxSupply = SUPPLY;
        init.referralBps = 1500;
        vm.prank(creator);
        id = e.createEdition(
            init,
            _two(_phase(PRICE, t0, t0 + 1 days, 3, 8), _phase(3 * PRICE + 7, t0 + 1 days, t0 + 3 days, 4, 0))
        );
    }

    /// forge-config: default.fuzz.runs = 10000
    function testFuzz_mintedWithinCaps_revenueConserved(uint256 seed) public {
        for (uint256 step; step < 16; ++step) {
            uint256 r = uint256(keccak256(abi.encode(seed, step)));
            uint256 action = r % 8;
            address actor = actors[(r >> 8) % 3];
            if (action < 4) _mint(actor, r);
            else if (action == 4) _airdrop(actor, r);
            else if (action == 5) vm.warp(block.timestamp + ((r >> 16) % 16 hours));
            else if (action == 6) _release();
            else _withdraw(r);
            // Caps and counters only grow, and every action keeps the ledger whole: checking every fourth step
            // and at the end sees any violation while keeping 10,000 runs fast.
            if (step % 4 == 3) _check();
        }
    }

    function _mint(address actor, uint256 r) internal {
        uint256 phase = (r >> 16) % 2;
        uint256 quantity = 1 + ((r >> 24) % 3);
        uint256 pick = (r >> 32) % 4; // 0: none, 1..3: an actor (maybe the minter itself)
        address referrer = pick == 0 ? address(0) : actors[pick - 1];
        (Editions.Phase memory p, ) = e.phaseOf(id, phase);
        uint256 value = uint256(p.price) * quantity;
        vm.prank(actor);
        (bool ok, ) = address(e).call{value: value}(
            abi.encodeCall(Editions.mint, (id, phase, quantity, actor, referrer, "fuzz"))
        );
        if (ok) {
            paidIn += value;
            assertTrue(referrer != actor, "self-referral minted");
        }
    }

    function _airdrop(address actor, uint256 r) internal {
        address[] memory to = new address[](1);
        to[0] = actor;
        vm.prank(creator);
        (bool ok, ) = address(e).call(abi.encodeCall(Editions.airdrop, (id, to, 1 + ((r >> 16) % 2))));
        ok; // may fail (sold out, closed): the checks hold either way
    }

    function _release() internal {
        uint256[] memory ids = new uint256[](1);
        ids[0] = id;
        (bool ok, ) = address(e).call(abi.encodeCall(Editions.release, (ids)));
        ok;
    }

    function _withdraw(uint256 r) internal {
        uint256 pick = (r >> 16) % 4;
        address account = pick == 3 ? split : actors[pick];
        uint256 before = address(e).balance;
        (bool ok, ) = address(e).call(abi.encodeCall(Editions.withdraw, (payable(account))));
        if (ok) withdrawn += before - address(e).balance;
    }

    function _check() internal view {
        Editions.EditionState memory s = e.stateOf(id);
        assertLe(s.minted, SUPPLY, "supply cap");
        (Editions.Phase memory p0, ) = e.phaseOf(id, 0);
        assertLe(p0.minted, p0.phaseCap, "phase cap");
        uint256 held;
        uint256 copies;
        for (uint256 i; i < 3; ++i) {
            assertLe(e.mintedBy(id, 0, actors[i]), 3, "wallet cap, phase 0");
            assertLe(e.mintedBy(id, 1, actors[i]), 4, "wallet cap, phase 1");
            held += e.creditsOf(actors[i]);
            copies += e.balanceOf(actors[i]);
        }
        assertEq(copies, s.minted, "every copy numbered once and owned");
        uint256 referrals = held;
        held += e.creditsOf(split) + s.pending;
        assertEq(address(e).balance, held, "balance == pending revenue + credits");
        assertEq(paidIn, held + withdrawn, "every wei paid in is held or withdrawn");
        assertLe(referrals * 10_000, paidIn * 1500, "referral credits within the creator's share");
    }
}
