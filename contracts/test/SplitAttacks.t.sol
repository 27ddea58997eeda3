// solhint-disable func-name-mixedcase, one-contract-per-file, use-forbidden-name, gas-custom-errors, gas-increment-by-one
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "./utils/Test.sol";
import {SplitMain} from "../splits/SplitMain.sol";
import {SplitMainV1} from "./mocks/SplitMainV1.sol";
import {PushSplitMain, DustLosingSplitMain} from "./mocks/UnguardedSplitMains.sol";
import {RoyaltyEngineProbe} from "./mocks/RoyaltyEngineProbe.sol";
import {MockERC20} from "./mocks/MockERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice The external API v1 and v2 share (same selectors), so one attack runs against both.
interface ISplitMainLike {
    function createSplit(address[] calldata accounts, uint32[] calldata shares, address controller) external returns (address);
    function updateSplit(address split, address[] calldata accounts, uint32[] calldata shares) external;
    function transferControl(address split, address newController) external;
    function acceptControl(address split) external;
    function distributeETH(address split, address[] calldata accounts, uint32[] calldata shares) external;
    function distributeERC20(address split, IERC20 token, address[] calldata accounts, uint32[] calldata shares) external;
    function withdraw(address account, bool withdrawETH, IERC20[] calldata tokens) external;
    function balanceOf(address account, address token) external view returns (uint256);
}

/// @notice TEST ONLY: rejects every ETH payment.
contract RejectingSplitPayee {
    receive() external payable {
        revert("no ETH");
    }
}

/**
 * @notice Each audit finding on SplitMain v1 as an attack (or a broken flow) run twice: against v2 the check must
 * hold, against v1 (test/mocks/SplitMainV1.sol, the v1 code verbatim) or a deliberately unguarded mock the same
 * check must fail, which shows the check can fail.
 */
contract SplitAttacksTest is Test {
    address internal stranger = address(0x5742);
    address internal a0 = address(0x1001); // the 10% payee
    address internal a1 = address(0x1002);
    address internal a2 = address(0x1003);

    function _v1() internal returns (ISplitMainLike) {
        return ISplitMainLike(address(new SplitMainV1()));
    }

    function _v2() internal returns (ISplitMainLike) {
        return ISplitMainLike(address(new SplitMain()));
    }

    function _three(uint32 s0, uint32 s1, uint32 s2) internal view returns (address[] memory acc, uint32[] memory sh) {
        acc = new address[](3);
        (acc[0], acc[1], acc[2]) = (a0, a1, a2);
        sh = new uint32[](3);
        (sh[0], sh[1], sh[2]) = (s0, s1, s2);
    }

    function _none() internal pure returns (IERC20[] memory) {
        return new IERC20[](0);
    }

    // ---------------------------------------------------------------- 1. critical: redirecting a split's balance

    /// @dev A stranger distributes a 10/45/45 split holding 9 ETH with re-cut lists that hash to the same packed
    /// bytes as the real ones (v1 hashed accounts ++ shares without lengths). Returns what the 10% payee got.
    function _redirect(ISplitMainLike m, bool shifted) internal returns (bool ok, uint256 tenPercentPayeeGot) {
        (address[] memory acc, uint32[] memory sh) = _three(100_000, 450_000, 450_000);
        address split = m.createSplit(acc, sh, address(0));
        vm.deal(split, 9 ether);
        address[] memory fakeAccounts;
        uint256[] memory fakeShares; // uint256 words so addresses fit where uint32 shares are expected
        if (!shifted) {
            // recut: accounts = [a0], shares = [a1, a2, s0, s1, s2]
            fakeAccounts = new address[](1);
            fakeAccounts[0] = a0;
            fakeShares = new uint256[](5);
            (fakeShares[0], fakeShares[1]) = (uint256(uint160(a1)), uint256(uint160(a2)));
            (fakeShares[2], fakeShares[3], fakeShares[4]) = (100_000, 450_000, 450_000);
        } else {
            // shifted cut: accounts = [a0, a1], shares = [a2, s0, s1, s2]: a1 is credited s0, a0 the rest
            fakeAccounts = new address[](2);
            (fakeAccounts[0], fakeAccounts[1]) = (a0, a1);
            fakeShares = new uint256[](4);
            fakeShares[0] = uint256(uint160(a2));
            (fakeShares[1], fakeShares[2], fakeShares[3]) = (100_000, 450_000, 450_000);
        }
        vm.prank(stranger);
        (ok, ) = address(m).call(abi.encodeWithSelector(ISplitMainLike.distributeETH.selector, split, fakeAccounts, fakeShares));
        tenPercentPayeeGot = m.balanceOf(a0, address(0));
    }

    function test_redirect_recut_v2Reverts() public {
        (bool ok, uint256 got) = _redirect(_v2(), false);
        assertFalse(ok, "re-cut lists accepted");
        assertEq(got, 0);
    }

    function test_redirect_recut_v1GivesTheTenPercentPayeeEverything() public {
        (bool ok, uint256 got) = _redirect(_v1(), false);
        assertTrue(ok, "expected v1 to accept the re-cut lists");
        assertEq(got, 9 ether);
    }

    function test_redirect_shiftedCut_v2Reverts() public {
        (bool ok, uint256 got) = _redirect(_v2(), true);
        assertFalse(ok, "shifted lists accepted");
        assertEq(got, 0);
    }

    function test_redirect_shiftedCut_v1ShiftsTheShares() public {
        (bool ok, uint256 got) = _redirect(_v1(), true);
        assertTrue(ok, "expected v1 to accept the shifted lists");
        assertEq(got, 8.1 ether); // instead of 0.9 ether; a2 got nothing
    }

    // ---------------------------------------------------------------- 2. high: nested splits

    /**
     * @dev outer = (inner 70%, x 30%), inner = (a1 60%, a2 40%). Pays outer 10 ETH + 1,000 units of a 2-decimal
     * token, distributes outer, withdraws inner (to its wallet), distributes inner, withdraws the payees.
     * Returns false as soon as a step reverts; checks exact amounts otherwise.
     */
    function _nestedFlow(ISplitMainLike m) internal returns (bool) {
        MockERC20 usd = new MockERC20(2);
        IERC20[] memory tokens = new IERC20[](1);
        tokens[0] = usd;
        (address[] memory innerAcc, uint32[] memory innerSh) = (new address[](2), new uint32[](2));
        (innerAcc[0], innerAcc[1], innerSh[0], innerSh[1]) = (a1, a2, 600_000, 400_000);
        address inner = m.createSplit(innerAcc, innerSh, address(0));
        address x = address(0xFFff000000000000000000000000000000000001);
        (address[] memory outerAcc, uint32[] memory outerSh) = (new address[](2), new uint32[](2));
        // sorted: inner (a CREATE2 address) vs x
        if (inner < x) (outerAcc[0], outerAcc[1], outerSh[0], outerSh[1]) = (inner, x, 700_000, 300_000);
        else (outerAcc[0], outerAcc[1], outerSh[0], outerSh[1]) = (x, inner, 300_000, 700_000);
        address outer = m.createSplit(outerAcc, outerSh, address(0));

        vm.deal(outer, 10 ether);
        usd.mint(outer, 1000);
        m.distributeETH(outer, outerAcc, outerSh);
        m.distributeERC20(outer, usd, outerAcc, outerSh);
        (bool ok, ) = address(m).call(abi.encodeCall(ISplitMainLike.withdraw, (inner, true, tokens)));
        if (!ok) return false;
        assertEq(inner.balance, 7 ether, "inner wallet got its ETH");
        assertEq(usd.balanceOf(inner), 700, "inner wallet got its tokens");
        m.distributeETH(inner, innerAcc, innerSh);
        m.distributeERC20(inner, usd, innerAcc, innerSh);
        m.withdraw(a1, true, tokens);
        m.withdraw(a2, true, tokens);
        m.withdraw(x, true, tokens);
        assertEq(a1.balance, 4.2 ether);
        assertEq(a2.balance, 2.8 ether);
        assertEq(x.balance, 3 ether);
        assertEq(usd.balanceOf(a1), 420);
        assertEq(usd.balanceOf(a2), 280);
        assertEq(usd.balanceOf(x), 300);
        assertEq(address(m).balance, 0);
        assertEq(usd.balanceOf(address(m)), 0);
        return true;
    }

    function test_nestedSplits_v2PaysEveryoneExactly() public {
        assertTrue(_nestedFlow(_v2()), "nested flow failed");
    }

    function test_nestedSplits_v1InnerSplitCannotWithdrawETH() public {
        assertFalse(_nestedFlow(_v1()), "expected v1's wallet to burn SplitMain's ETH payment");
    }

    // ---------------------------------------------------------------- 3. medium: royalty engine probe

    /// @dev Asks the probe for a 1,000-wei royalty paid to a split; returns whether the lookup itself succeeded.
    function _probeSplit(ISplitMainLike m) internal returns (bool ok, address[] memory recipients, uint256[] memory amounts) {
        (address[] memory acc, uint32[] memory sh) = _three(100_000, 450_000, 450_000);
        address split = m.createSplit(acc, sh, address(0));
        RoyaltyEngineProbe probe = new RoyaltyEngineProbe();
        bytes memory ret;
        (ok, ret) = address(probe).staticcall(abi.encodeCall(RoyaltyEngineProbe.getRoyalty, (split, 1000)));
        if (ok) (recipients, amounts) = abi.decode(ret, (address[], uint256[]));
        if (ok) assertEq(recipients[0], split);
    }

    function test_royaltyEngine_v2SplitIsPaidDirectly() public {
        (bool ok, address[] memory recipients, uint256[] memory amounts) = _probeSplit(_v2());
        assertTrue(ok, "royalty lookup reverted");
        assertEq(recipients.length, 1);
        assertEq(amounts[0], 1000);
    }

    function test_royaltyEngine_v1SplitMakesTheLookupRevert() public {
        (bool ok, , ) = _probeSplit(_v1());
        assertFalse(ok, "expected the engine's decoding of v1's empty success to revert");
    }

    // ---------------------------------------------------------------- 4. low: rounding dust

    /// @dev 45/45/10 split (10% payee last), 2-decimal token, 40 distributions of 0.05. Returns what the 10%
    /// payee got; its exact share of the 2.00 paid in is 20 units.
    function _smallDistributions(ISplitMainLike m) internal returns (uint256 tenPercentPayeeGot) {
        MockERC20 usd = new MockERC20(2);
        (address[] memory acc, uint32[] memory sh) = _three(450_000, 450_000, 100_000);
        address split = m.createSplit(acc, sh, address(0));
        for (uint256 i = 0; i < 40; ++i) {
            usd.mint(split, 5);
            m.distributeERC20(split, usd, acc, sh);
        }
        return m.balanceOf(a2, address(usd));
    }

    function test_dust_v2TenPercentPayeeGetsItsShare() public {
        assertEq(_smallDistributions(_v2()), 20);
    }

    function test_dust_v1TenPercentPayeeGetsNothing() public {
        assertEq(_smallDistributions(_v1()), 0, "expected v1 to give all dust to the first payee");
    }

    /// @return conserved whether every token unit distributed is credited to someone or held for the split.
    function _roundingConserves(ISplitMainLike m) internal returns (bool conserved) {
        MockERC20 usd = new MockERC20(2);
        address[] memory list = new address[](13);
        uint32[] memory s = new uint32[](13);
        for (uint256 i = 0; i < 13; ++i) (list[i], s[i]) = (address(uint160(0x9000 + i)), uint32(uint256(1e6) / 13));
        s[0] += uint32(1e6 - (uint256(1e6) / 13) * 13);
        address split = m.createSplit(list, s, address(0));
        usd.mint(split, 1999); // 19.99 in a 2-decimal token
        m.distributeERC20(split, usd, list, s);
        uint256 total;
        for (uint256 i = 0; i < list.length; ++i) total += m.balanceOf(list[i], address(usd));
        uint256 held;
        try SplitMain(payable(address(m))).heldOf(split, address(usd)) returns (uint256 h) {
            held = h;
        } catch {}
        return total + held == 1999 && usd.balanceOf(address(m)) == 1999 && held < 13;
    }

    function test_splitRounding_v2Conserves() public {
        assertTrue(_roundingConserves(_v2()));
    }

    function test_splitRounding_dustLosingVariantIsDetected() public {
        assertFalse(_roundingConserves(ISplitMainLike(address(new DustLosingSplitMain()))));
    }

    // ---------------------------------------------------------------- 5. low: rewrite during a hand-over

    /// @dev The outgoing controller starts handing control over, then rewrites the split to itself and drains it
    /// before the new controller accepts. Returns whether the rewrite went through.
    function _rewriteDuringHandover(ISplitMainLike m) internal returns (bool rewritten) {
        address oldController = address(0xC0);
        address newController = address(0xC1);
        (address[] memory acc, uint32[] memory sh) = _three(100_000, 450_000, 450_000);
        address split = m.createSplit(acc, sh, oldController);
        vm.deal(split, 5 ether);
        vm.prank(oldController);
        m.transferControl(split, newController);
        address[] memory me = new address[](1);
        me[0] = oldController;
        uint32[] memory all = new uint32[](1);
        all[0] = 1e6;
        vm.prank(oldController);
        (rewritten, ) = address(m).call(abi.encodeCall(ISplitMainLike.updateSplit, (split, me, all)));
        if (rewritten) {
            m.distributeETH(split, me, all);
            assertEq(m.balanceOf(oldController, address(0)), 5 ether);
        }
        vm.prank(newController);
        m.acceptControl(split);
    }

    function test_handover_v2FreezesTheRecipients() public {
        assertFalse(_rewriteDuringHandover(_v2()), "recipients rewritten during a pending hand-over");
    }

    function test_handover_v1LetsTheOutgoingControllerDrain() public {
        assertTrue(_rewriteDuringHandover(_v1()), "expected v1 to allow the rewrite");
    }

    // ---------------------------------------------------------------- pull payments: a reverting recipient

    function _othersPaidDespiteRevertingRecipient(ISplitMainLike m) internal returns (bool othersPaid) {
        address[] memory list = new address[](2);
        address bad = address(new RejectingSplitPayee());
        address good = address(uint160(type(uint160).max - 15));
        list[0] = bad < good ? bad : good;
        list[1] = bad < good ? good : bad;
        uint32[] memory s = new uint32[](2);
        s[0] = 500_000;
        s[1] = 500_000;
        address split = m.createSplit(list, s, address(0));
        vm.deal(split, 2 ether);
        (bool ok, ) = address(m).call(abi.encodeCall(ISplitMainLike.distributeETH, (split, list, s)));
        if (!ok) return false;
        if (m.balanceOf(good, address(0)) != 0) m.withdraw(good, true, _none());
        return good.balance == 1 ether;
    }

    function test_revertingRecipient_v2PaysTheOthers() public {
        assertTrue(_othersPaidDespiteRevertingRecipient(_v2()));
    }

    function test_revertingRecipient_pushVariantIsBlocked() public {
        assertFalse(_othersPaidDespiteRevertingRecipient(ISplitMainLike(address(new PushSplitMain()))));
    }
}
