// solhint-disable func-name-mixedcase, one-contract-per-file, use-forbidden-name, gas-custom-errors, gas-increment-by-one
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "./utils/Test.sol";
import {SplitMain} from "../splits/SplitMain.sol";
import {MockERC20} from "./mocks/MockERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

contract RejectingPayee {
    receive() external payable {
        revert("rejected");
    }
}

contract SplitMainTest is Test {
    SplitMain internal main;
    MockERC20 internal usd; // 2 decimals
    address internal controller = address(0xC0);
    address[] internal accounts;
    uint32[] internal shares;

    event SplitCreated(address indexed split, bytes32 indexed hash, address indexed controller, address[] accounts, uint32[] shares);
    event Distributed(address indexed split, address indexed token, uint256 amount, address distributor, address[] accounts, uint256[] credits);
    event Withdrawal(address indexed account, address indexed token, uint256 amount);

    function setUp() public {
        main = new SplitMain();
        usd = new MockERC20(2);
        accounts = _sorted(3, 1);
        shares = new uint32[](3);
        shares[0] = 500_000;
        shares[1] = 300_000;
        shares[2] = 200_000;
    }

    function _sorted(uint256 n, uint256 seed) internal pure returns (address[] memory list) {
        list = new address[](n);
        for (uint256 i = 0; i < n; ++i) list[i] = address(uint160(0x1000 + seed * 1000 + i));
    }

    function _equalShares(uint256 n) internal pure returns (uint32[] memory s) {
        s = new uint32[](n);
        uint256 each = 1e6 / n;
        for (uint256 i = 0; i < n; ++i) s[i] = uint32(each);
        s[0] += uint32(1e6 - each * n);
    }

    function _noTokens() internal pure returns (IERC20[] memory) {
        return new IERC20[](0);
    }

    /// @dev The wallet's runtime as documented in SplitWallet.sol, written out independently.
    function _runtime(address m, bytes32 hash) internal pure returns (bytes memory) {
        return
            abi.encodePacked(
                hex"3615603c57", // CALLDATASIZE ISZERO PUSH1 0x3c JUMPI
                hex"3373",
                m,
                hex"146022575f5ffd", // EQ PUSH1 0x22 JUMPI PUSH0 PUSH0 REVERT
                hex"5b5f5f604036038060405f375f6020355f355af1", // JUMPDEST ... CALL
                hex"603c575f5ffd5b00", // PUSH1 0x3c JUMPI PUSH0 PUSH0 REVERT JUMPDEST STOP
                hash
            );
    }

    // ---------------------------------------------------------------- creation

    function test_createSplit_atPredictedAddress() public {
        address predicted = main.predictSplitAddress(accounts, shares, address(0));
        vm.expectEmit();
        emit SplitCreated(predicted, main.hashSplit(accounts, shares), address(0), accounts, shares);
        address split = main.createSplit(accounts, shares, address(0));
        assertEq(split, predicted);
        assertEq(main.splitHash(split), keccak256(abi.encode(accounts, shares)));
        assertEq(main.hashSplit(accounts, shares), keccak256(abi.encode(accounts, shares)));
        assertEq(main.controllerOf(split), address(0));
        assertTrue(split.code.length == 94);
        assertEq(keccak256(split.code), keccak256(_runtime(address(main), main.hashSplit(accounts, shares))));
    }

    function test_createSplit_mutableAtPredictedAddress() public {
        address predicted = main.predictSplitAddress(accounts, shares, controller);
        address split = main.createSplit(accounts, shares, controller);
        assertEq(split, predicted);
        assertEq(main.controllerOf(split), controller);
        assertTrue(predicted != main.predictSplitAddress(accounts, shares, address(0)));
    }

    function test_createSplit_revertsTwice() public {
        address split = main.createSplit(accounts, shares, address(0));
        vm.expectRevert(abi.encodeWithSelector(SplitMain.SplitExists.selector, split));
        main.createSplit(accounts, shares, address(0));
    }

    function test_createSplit_validation() public {
        vm.expectRevert(SplitMain.TooFewRecipients.selector);
        main.createSplit(new address[](0), new uint32[](0), address(0));
        vm.expectRevert(abi.encodeWithSelector(SplitMain.TooManyRecipients.selector, 201, 200));
        main.createSplit(_sorted(201, 2), _equalShares(201), address(0));
        vm.expectRevert(abi.encodeWithSelector(SplitMain.LengthMismatch.selector, 3, 2));
        main.createSplit(accounts, _equalShares(2), address(0));
        address[] memory unsorted = _sorted(3, 1);
        (unsorted[0], unsorted[1]) = (unsorted[1], unsorted[0]);
        vm.expectRevert(abi.encodeWithSelector(SplitMain.AccountsNotSortedOrDuplicate.selector, 1));
        main.createSplit(unsorted, shares, address(0));
        address[] memory dup = _sorted(3, 1);
        dup[2] = dup[1];
        vm.expectRevert(abi.encodeWithSelector(SplitMain.AccountsNotSortedOrDuplicate.selector, 2));
        main.createSplit(dup, shares, address(0));
        uint32[] memory zero = new uint32[](3);
        zero[0] = 1e6;
        vm.expectRevert(abi.encodeWithSelector(SplitMain.ZeroShare.selector, 1));
        main.createSplit(accounts, zero, address(0));
        uint32[] memory short = _equalShares(3);
        short[0] -= 1;
        vm.expectRevert(abi.encodeWithSelector(SplitMain.SharesNotFull.selector, 999_999));
        main.createSplit(accounts, short, address(0));
    }

    // ---------------------------------------------------------------- distribution

    function test_distributeETH_creditsSharesAndWithdraws() public {
        address split = main.createSplit(accounts, shares, address(0));
        vm.deal(address(this), 10 ether);
        (bool ok, ) = split.call{value: 1 ether}("");
        assertTrue(ok);
        // A 2,300-gas stipend transfer works too.
        payable(split).transfer(1 wei);
        uint256[] memory credits = new uint256[](3);
        (credits[0], credits[1], credits[2]) = (0.5 ether, 0.3 ether, 0.2 ether);
        vm.expectEmit();
        emit Distributed(split, address(0), 1 ether, address(this), accounts, credits);
        main.distributeETH(split, accounts, shares);
        assertEq(split.balance, 0);
        assertEq(main.balanceOf(accounts[0], address(0)), 0.5 ether);
        assertEq(main.balanceOf(accounts[1], address(0)), 0.3 ether);
        assertEq(main.balanceOf(accounts[2], address(0)), 0.2 ether);
        assertEq(main.heldOf(split, address(0)), 1, "the odd wei is held for the next distribution");
        vm.expectEmit();
        emit Withdrawal(accounts[1], address(0), 0.3 ether);
        main.withdraw(accounts[1], true, _noTokens());
        assertEq(accounts[1].balance, 0.3 ether);
        assertEq(main.balanceOf(accounts[1], address(0)), 0);
        assertEq(address(main).balance, 0.7 ether + 1);
        // The held wei counts in the next distribution: 2e18 + 2 in all, each payee now holds the floor of its
        // exact share of everything (1e18 + 1, 0.6e18, 0.4e18), 1 wei is held again.
        vm.deal(split, 1 ether + 1);
        main.distributeETH(split, accounts, shares);
        assertEq(main.heldOf(split, address(0)), 1);
        assertEq(main.balanceOf(accounts[0], address(0)), 1 ether + 1);
        assertEq(main.balanceOf(accounts[1], address(0)), 0.3 ether);
        assertEq(main.balanceOf(accounts[2], address(0)), 0.4 ether);
        assertEq(address(main).balance, 1.7 ether + 2);
    }

    function test_distribute_reverts() public {
        address split = main.createSplit(accounts, shares, address(0));
        uint32[] memory other = _equalShares(3);
        vm.expectRevert(abi.encodeWithSelector(SplitMain.WrongRecipients.selector, split));
        main.distributeETH(split, accounts, other);
        vm.expectRevert(abi.encodeWithSelector(SplitMain.SplitNotFound.selector, address(0xdead)));
        main.distributeETH(address(0xdead), accounts, shares);
        vm.expectRevert(abi.encodeWithSelector(SplitMain.SplitNotFound.selector, address(usd)));
        main.distributeERC20(address(usd), usd, accounts, shares);
    }

    function test_receive_rejectsStrayETH() public {
        vm.deal(address(this), 1 ether);
        (bool ok, ) = address(main).call{value: 1}("");
        assertFalse(ok);
    }

    function test_wallet_onlyObeysMain_revertsOnStrangersCalldata() public {
        address split = main.createSplit(accounts, shares, address(0));
        vm.deal(split, 1 ether);
        // Anyone else's call with calldata reverts: nothing moves, and probes (getRecipients, ...) land in catch.
        (bool ok, bytes memory ret) = split.call(abi.encodePacked(uint256(uint160(address(this))), uint256(1 ether)));
        assertFalse(ok);
        assertEq(ret.length, 0);
        (ok, ) = split.call(abi.encodeWithSignature("getRecipients()"));
        assertFalse(ok);
        (ok, ) = split.call(hex"00");
        assertFalse(ok);
        assertEq(split.balance, 1 ether);
        // Empty calldata is a plain payment from anyone, also with value 0.
        (ok, ) = split.call("");
        assertTrue(ok);
        vm.prank(address(main));
        (ok, ) = split.call{value: 0}("");
        assertTrue(ok, "SplitMain's own plain payment is accepted");
    }

    function test_wallet_acceptsSplitMainsWithdrawal() public {
        // The wallet of a split that is a payee of another split receives SplitMain's ETH withdrawal.
        address inner = main.createSplit(accounts, shares, address(0));
        address[] memory outer = new address[](1);
        outer[0] = inner;
        uint32[] memory all = new uint32[](1);
        all[0] = 1e6;
        address outerSplit = main.createSplit(outer, all, address(0));
        vm.deal(outerSplit, 5 ether);
        main.distributeETH(outerSplit, outer, all);
        main.withdraw(inner, true, _noTokens());
        assertEq(inner.balance, 5 ether);
    }

    function test_distributeERC20_twoDecimalsManyPayees() public {
        address[] memory many = _sorted(7, 3);
        uint32[] memory s = _equalShares(7); // 142_858 + 6 x 142_857
        address split = main.createSplit(many, s, address(0));
        usd.mint(split, 101); // 1.01 tokens
        main.distributeERC20(split, usd, many, s);
        uint256 total;
        for (uint256 i = 0; i < 7; ++i) {
            uint256 got = main.balanceOf(many[i], address(usd));
            total += got;
            // exact share = 101 * s[i] / 1e6 = 14.43: everyone gets 14, nobody is favoured.
            assertEq(got, 14);
        }
        assertEq(total, 98);
        assertEq(main.heldOf(split, address(usd)), 3, "every unit credited or held");
        assertEq(usd.balanceOf(address(main)), 101);
        IERC20[] memory tokens = new IERC20[](1);
        tokens[0] = usd;
        main.withdraw(many[3], false, tokens);
        assertEq(usd.balanceOf(many[3]), 14);
        // 5 more: 106 in all, 15.14 each -> one more unit each, 1 held.
        usd.mint(split, 5);
        main.distributeERC20(split, usd, many, s);
        for (uint256 i = 0; i < 7; ++i) assertEq(main.balanceOf(many[i], address(usd)), i == 3 ? 1 : 15);
        assertEq(main.heldOf(split, address(usd)), 1);
        assertEq(usd.balanceOf(address(main)), 106 - 14);
    }

    function test_withdraw_revertsWhenEmpty() public {
        vm.expectRevert(abi.encodeWithSelector(SplitMain.NothingToWithdraw.selector, address(0xAB), address(0)));
        main.withdraw(address(0xAB), true, _noTokens());
    }

    function test_revertingRecipientCannotBlockOthers() public {
        address[] memory list = new address[](3);
        list[0] = address(new RejectingPayee());
        list[1] = address(0xA11CE);
        list[2] = address(0xB0B);
        list = _sort(list);
        uint32[] memory s = _equalShares(3);
        address split = main.createSplit(list, s, address(0));
        vm.deal(split, 3 ether);
        main.distributeETH(split, list, s);
        for (uint256 i = 0; i < 3; ++i) {
            if (list[i].code.length != 0) {
                vm.expectRevert(abi.encodeWithSelector(SplitMain.TransferFailed.selector, list[i], main.balanceOf(list[i], address(0))));
                main.withdraw(list[i], true, _noTokens());
            } else {
                uint256 due = main.balanceOf(list[i], address(0));
                main.withdraw(list[i], true, _noTokens());
                assertEq(list[i].balance, due);
            }
        }
    }

    function _sort(address[] memory list) internal pure returns (address[] memory) {
        for (uint256 i = 0; i < list.length; ++i) {
            for (uint256 j = i + 1; j < list.length; ++j) {
                if (list[j] < list[i]) (list[i], list[j]) = (list[j], list[i]);
            }
        }
        return list;
    }

    function testFuzz_distribute_creditsExactFloorOfEverything(uint256 seed, uint8 n, uint8 rounds) public {
        n = uint8(bound(n, 1, 40));
        rounds = uint8(bound(rounds, 1, 6));
        address[] memory list = _sorted(n, 7);
        uint32[] memory s = new uint32[](n);
        uint256 left = 1e6;
        for (uint256 i = 0; i < n; ++i) {
            uint256 share = i == n - 1 ? left : bound(uint256(keccak256(abi.encode(seed, i))), 1, left - (n - 1 - i));
            s[i] = uint32(share);
            left -= share;
        }
        address split = main.createSplit(list, s, address(0));
        uint256 total;
        for (uint256 k = 0; k < rounds; ++k) {
            uint256 r = uint256(keccak256(abi.encode(seed, "amount", k)));
            // Mostly tiny amounts (where rounding matters), sometimes huge ones (mulDiv path).
            uint256 amount = r % 4 == 0 ? bound(r >> 2, 0, 1e30) : bound(r >> 2, 0, 3 * uint256(n));
            if (r % 97 == 0) amount = type(uint128).max;
            total += amount;
            vm.deal(split, amount);
            main.distributeETH(split, list, s);
        }
        uint256 credited;
        for (uint256 i = 0; i < n; ++i) {
            uint256 got = main.balanceOf(list[i], address(0));
            credited += got;
            assertEq(got, (total * s[i]) / 1e6, "not the floor of the exact share of everything");
        }
        assertEq(credited + main.heldOf(split, address(0)), total, "funds not conserved");
        assertLe(main.heldOf(split, address(0)), n - 1, "held remainder too big");
        assertEq(address(main).balance, total);
    }

    function test_distribute_maxRecipientsWithinGas() public {
        address[] memory list = _sorted(200, 9);
        uint32[] memory s = _equalShares(200);
        address split = main.createSplit(list, s, address(0));
        vm.deal(split, 1 ether);
        main.distributeETH(split, list, s); // warm up balances
        vm.deal(split, 1 ether);
        uint256 g = gasleft();
        main.distributeETH(split, list, s);
        assertLe(g - gasleft(), 5_000_000, "200-recipient distribution too expensive");
    }

    // ---------------------------------------------------------------- control

    function test_handover_freezesUpdatesUntilAcceptedOrCancelled() public {
        address split = main.createSplit(accounts, shares, controller);
        address next = address(0x4E);
        vm.prank(controller);
        main.transferControl(split, next);
        uint32[] memory s2 = _equalShares(3);
        vm.expectRevert(abi.encodeWithSelector(SplitMain.ControlTransferPending.selector, split, next));
        vm.prank(controller);
        main.updateSplit(split, accounts, s2);
        vm.expectRevert(abi.encodeWithSelector(SplitMain.ControlTransferPending.selector, split, next));
        vm.prank(controller);
        main.makeSplitImmutable(split);
        assertEq(main.splitHash(split), main.hashSplit(accounts, shares)); // recipients unchanged
        // Distribution still works during the hand-over, with the agreed recipients.
        vm.deal(split, 10);
        main.distributeETH(split, accounts, shares);
        // Cancelling unfreezes.
        vm.prank(controller);
        main.cancelControlTransfer(split);
        vm.prank(controller);
        main.updateSplit(split, accounts, s2);
        assertEq(main.splitHash(split), main.hashSplit(accounts, s2));
        // Accepting hands over; the new controller may update.
        vm.prank(controller);
        main.transferControl(split, next);
        vm.prank(next);
        main.acceptControl(split);
        vm.prank(next);
        main.updateSplit(split, accounts, shares);
        vm.expectRevert(abi.encodeWithSelector(SplitMain.InvalidNewController.selector, address(0)));
        vm.prank(next);
        main.transferControl(split, address(0));
    }

    function test_updateSplit_carriesHeldRemainderToNewRecipients() public {
        address split = main.createSplit(accounts, _equalShares(3), controller);
        usd.mint(split, 2);
        main.distributeERC20(split, usd, accounts, _equalShares(3));
        assertEq(main.heldOf(split, address(usd)), 2, "0.67 each: nothing credited yet");
        address[] memory one = new address[](1);
        one[0] = address(0xB0B);
        uint32[] memory all = new uint32[](1);
        all[0] = 1e6;
        vm.prank(controller);
        main.updateSplit(split, one, all);
        main.distributeERC20(split, usd, one, all);
        assertEq(main.balanceOf(address(0xB0B), address(usd)), 2);
        assertEq(main.heldOf(split, address(usd)), 0);
        assertEq(usd.balanceOf(address(main)), 2);
    }

    function test_withdraw_paysEveryWeiAndKeepsTheSlot() public {
        address split = main.createSplit(accounts, shares, address(0));
        vm.deal(split, 10);
        main.distributeETH(split, accounts, shares);
        main.withdraw(accounts[0], true, _noTokens());
        assertEq(accounts[0].balance, 5);
        assertEq(main.balanceOf(accounts[0], address(0)), 0);
        vm.expectRevert(abi.encodeWithSelector(SplitMain.NothingToWithdraw.selector, accounts[0], address(0)));
        main.withdraw(accounts[0], true, _noTokens());
        vm.deal(split, 10);
        main.distributeETH(split, accounts, shares);
        assertEq(main.balanceOf(accounts[0], address(0)), 5);
        assertEq(address(main).balance, 15);
    }

    function test_withdrawEther_paysEveryWeiToTheAccountWhoeverCalls() public {
        address split = main.createSplit(accounts, shares, address(0));
        vm.deal(split, 10);
        main.distributeETH(split, accounts, shares);
        vm.prank(address(0xBEEF)); // anyone may trigger it; the ETH only goes to the account
        main.withdrawEther(accounts[0]);
        assertEq(accounts[0].balance, 5);
        assertEq(address(0xBEEF).balance, 0);
        assertEq(main.balanceOf(accounts[0], address(0)), 0);
        vm.expectRevert(abi.encodeWithSelector(SplitMain.NothingToWithdraw.selector, accounts[0], address(0)));
        main.withdrawEther(accounts[0]);
    }

    function test_createSplit_rejectsDirtyCalldata() public {
        bytes memory data = abi.encodeCall(SplitMain.createSplit, (accounts, shares, address(0)));
        // Last word of the calldata before the controller-free tail is shares[2]; set a bit above uint32.
        data[data.length - 5] = 0x01;
        (bool ok, ) = address(main).call(data);
        assertFalse(ok, "dirty share accepted");
    }

    function test_distributeERC20_rejectsTokenZero() public {
        address split = main.createSplit(accounts, shares, address(0));
        vm.expectRevert();
        main.distributeERC20(split, IERC20(address(0)), accounts, shares);
    }

    function test_predictSplitAddress_validates() public {
        uint32[] memory bad = _equalShares(3);
        bad[0] += 1;
        vm.expectRevert(abi.encodeWithSelector(SplitMain.SharesNotFull.selector, 1_000_001));
        main.predictSplitAddress(accounts, bad, address(0));
    }

    function test_controller_updatesTransfersAndFreezes() public {
        address split = main.createSplit(accounts, shares, controller);
        uint32[] memory s2 = _equalShares(3);
        vm.prank(controller);
        main.updateSplit(split, accounts, s2);
        assertEq(main.splitHash(split), main.hashSplit(accounts, s2));
        vm.deal(split, 3);
        vm.expectRevert(abi.encodeWithSelector(SplitMain.WrongRecipients.selector, split));
        main.distributeETH(split, accounts, shares);
        main.distributeETH(split, accounts, s2);

        address next = address(0x4E);
        vm.prank(controller);
        main.transferControl(split, next);
        assertEq(main.pendingControllerOf(split), next);
        vm.expectRevert(abi.encodeWithSelector(SplitMain.Unauthorized.selector, address(this)));
        main.acceptControl(split);
        vm.prank(next);
        main.acceptControl(split);
        assertEq(main.controllerOf(split), next);
        assertEq(main.pendingControllerOf(split), address(0));

        vm.prank(next);
        main.transferControl(split, controller);
        vm.prank(next);
        main.cancelControlTransfer(split);
        vm.expectRevert(abi.encodeWithSelector(SplitMain.Unauthorized.selector, controller));
        vm.prank(controller);
        main.acceptControl(split);

        vm.prank(next);
        main.makeSplitImmutable(split);
        assertEq(main.controllerOf(split), address(0));
        vm.expectRevert(abi.encodeWithSelector(SplitMain.Unauthorized.selector, next));
        vm.prank(next);
        main.updateSplit(split, accounts, shares);
        // Still distributable with its last recipients.
        vm.deal(split, 3);
        main.distributeETH(split, accounts, s2);
    }

    function test_controller_onlyControllerMayAct() public {
        address split = main.createSplit(accounts, shares, address(0));
        vm.expectRevert(abi.encodeWithSelector(SplitMain.Unauthorized.selector, address(0)));
        vm.prank(address(0));
        main.updateSplit(split, accounts, shares);
        vm.expectRevert(abi.encodeWithSelector(SplitMain.Unauthorized.selector, address(this)));
        main.updateSplit(split, accounts, shares);
        vm.expectRevert(abi.encodeWithSelector(SplitMain.Unauthorized.selector, address(this)));
        main.transferControl(split, address(this));
        vm.expectRevert(abi.encodeWithSelector(SplitMain.Unauthorized.selector, address(this)));
        main.cancelControlTransfer(split);
        vm.expectRevert(abi.encodeWithSelector(SplitMain.Unauthorized.selector, address(this)));
        main.makeSplitImmutable(split);
        vm.expectRevert(abi.encodeWithSelector(SplitMain.Unauthorized.selector, address(0)));
        vm.prank(address(0));
        main.acceptControl(split);
    }

    function test_updateSplit_validates() public {
        address split = main.createSplit(accounts, shares, controller);
        vm.expectRevert(abi.encodeWithSelector(SplitMain.SharesNotFull.selector, 1_000_001));
        uint32[] memory bad = _equalShares(3);
        bad[0] += 1;
        vm.prank(controller);
        main.updateSplit(split, accounts, bad);
    }
}

/// @dev An ERC-20 whose transfer returns false instead of reverting, and moves nothing.
contract FalseToken {
    mapping(address => uint256) public balanceOf;

    function mint(address to, uint256 amount) external {
        balanceOf[to] += amount;
    }

    function transfer(address, uint256) external pure returns (bool) {
        return false;
    }
}

/// @dev An ERC-20 whose transfer always reverts.
contract RevertingToken {
    mapping(address => uint256) public balanceOf;

    function mint(address to, uint256 amount) external {
        balanceOf[to] += amount;
    }

    function transfer(address, uint256) external pure returns (bool) {
        revert("frozen");
    }
}

contract SplitMainTokenEdgeTest is Test {
    function test_distributeERC20_revertsWhenTheWalletCannotMoveTheToken() public {
        SplitMain main = new SplitMain();
        address[] memory list = new address[](1);
        list[0] = address(0xA);
        uint32[] memory s = new uint32[](1);
        s[0] = 1e6;
        address split = main.createSplit(list, s, address(0));
        RevertingToken token = new RevertingToken();
        token.mint(split, 100);
        vm.expectRevert(abi.encodeWithSelector(SplitMain.WalletCallFailed.selector, split));
        main.distributeERC20(split, IERC20(address(token)), list, s);
    }

    function test_receive_revertsWithUnexpectedETH() public {
        SplitMain main = new SplitMain();
        vm.deal(address(this), 1);
        vm.expectRevert(abi.encodeWithSelector(SplitMain.UnexpectedETH.selector, address(this)));
        payable(address(main)).transfer(1);
    }

    function test_distributeERC20_creditsOnlyWhatArrives() public {
        SplitMain main = new SplitMain();
        address[] memory list = new address[](1);
        list[0] = address(0xA);
        uint32[] memory s = new uint32[](1);
        s[0] = 1e6;
        address split = main.createSplit(list, s, address(0));
        FalseToken token = new FalseToken();
        token.mint(split, 100);
        main.distributeERC20(split, IERC20(address(token)), list, s);
        assertEq(main.balanceOf(address(0xA), address(token)), 0);
        assertEq(token.balanceOf(split), 100);
    }
}
