// solhint-disable one-contract-per-file
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/**
 * @title SplitMainV1
 * @notice TEST ONLY, never deployed: the v1 SplitMain kept verbatim (renamed) so attack tests can show each v2 fix
 * stops an attack that works here. Known flaws: ambiguous packed hash (anyone can redirect a split), a wallet
 * that burns all gas on SplitMain's own ETH payment (nested splits stuck), a wallet that answers unknown
 * selectors with empty success (royalty engines revert), dust always to the first recipient, updates allowed
 * during a pending control hand-over.
 * @notice Royalty splits in the 0xSplits (v1) design. A split is a list of recipients with shares summing to
 * exactly {PERCENTAGE_SCALE} (1e6 = 100%). Each split has its own address, a tiny {SplitWalletV1} account deployed
 * with CREATE2 at an address predictable before creation (salt = keccak256(splitHash, controller)), which
 * receives ETH and ERC-20 tokens. Only the split's hash is stored; recipients are passed again on distribution.
 * Anyone may distribute a split's balance into this contract's ledger; each recipient then pulls its own balance
 * with {withdraw}, so a reverting recipient can only block itself.
 *
 * @dev Rounding: recipient `i` is credited `floor(amount * share_i / 1e6)`; the remainder (fewer wei than there
 * are recipients) goes to the FIRST recipient. So no recipient is ever short by a whole wei against its exact
 * share, every wei in is credited, and the result is deterministic. At most {MAX_RECIPIENTS} recipients keep a
 * distribution far inside block gas. A split without controller is immutable from birth; a controller may update
 * recipients, hand control over in two steps, or give control up forever.
 */
contract SplitMainV1 is ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice 100% in share units.
    uint32 public constant PERCENTAGE_SCALE = 1e6;
    /// @notice Most recipients a split may have.
    uint256 public constant MAX_RECIPIENTS = 200;

    struct Split {
        bytes32 hash;
        address controller;
        address pendingController;
    }

    /// @dev Mutable splits (and splits that were mutable) only; an immutable-from-birth split stores nothing:
    /// its hash lives in its wallet's code.
    mapping(address split => Split) private _splits;
    /// @dev token (address(0) = ETH) => account => credited, not yet withdrawn.
    mapping(address token => mapping(address account => uint256)) private _balances;
    /// @dev The split wallet allowed to send ETH to {receive} during a distribution.
    address private transient _expectedSender;

    /// @notice A split was created at `split`.
    event SplitCreated(address indexed split, bytes32 indexed hash, address indexed controller, address[] accounts, uint32[] shares);
    /// @notice A mutable split's recipients were replaced.
    event SplitUpdated(address indexed split, bytes32 indexed hash, address[] accounts, uint32[] shares);
    /// @notice Control transfer started.
    event ControlTransferInitiated(address indexed split, address indexed newController);
    /// @notice Control transfer cancelled.
    event ControlTransferCancelled(address indexed split);
    /// @notice Control handed over.
    event ControlTransferred(address indexed split, address indexed previousController, address indexed newController);
    /// @notice The split became immutable forever.
    event SplitMadeImmutable(address indexed split);
    /// @notice `amount` of `token` (zero = ETH) held by `split` was credited to its recipients.
    event Distributed(address indexed split, address token, uint256 amount, address distributor);
    /// @notice `amount` of `token` (zero = ETH) was sent to `account`.
    event Withdrawal(address indexed account, address indexed token, uint256 amount);

    error TooFewRecipients();
    error TooManyRecipients(uint256 count, uint256 max);
    error LengthMismatch(uint256 accounts, uint256 shares);
    error AccountsNotSortedOrDuplicate(uint256 index);
    error ZeroShare(uint256 index);
    error SharesNotFull(uint256 sum);
    error SplitExists(address split);
    error SplitNotFound(address split);
    error WrongRecipients(address split);
    error Unauthorized(address caller);
    error NothingToWithdraw(address account, address token);
    error TransferFailed(address to, uint256 amount);
    error UnexpectedETH(address sender);
    error WalletCallFailed(address split);

    /// @notice ETH is accepted only from the split wallet being distributed.
    receive() external payable {
        if (msg.sender != _expectedSender) revert UnexpectedETH(msg.sender);
    }

    // ------------------------------------------------------------------ creation and control

    /**
     * @notice Creates a split. `accounts` must be sorted ascending without duplicates; `shares` must be non-zero
     * and sum to {PERCENTAGE_SCALE}. `controller == address(0)` makes the split immutable.
     * @return split The split's address (see {predictSplitAddress}).
     */
    function createSplit(
        address[] calldata accounts,
        uint32[] calldata shares,
        address controller
    ) external returns (address split) {
        bytes32 hash = _validate(accounts, shares);
        bytes memory code = SplitWalletV1.initCode(address(this), hash);
        bytes32 salt = _salt(hash, controller);
        // Checked first: a CREATE2 collision would otherwise burn all the gas of the transaction.
        address predicted = _predict(hash, controller);
        if (predicted.code.length != 0) revert SplitExists(predicted);
        assembly ("memory-safe") {
            split := create2(0, add(code, 0x20), mload(code), salt)
        }
        if (split == address(0)) revert SplitExists(predicted);
        if (controller != address(0)) {
            _splits[split].hash = hash;
            _splits[split].controller = controller;
        }
        emit SplitCreated(split, hash, controller, accounts, shares);
    }

    /// @notice Replaces a mutable split's recipients (controller only). The split keeps its address.
    function updateSplit(address split, address[] calldata accounts, uint32[] calldata shares) external {
        _onlyController(split);
        bytes32 hash = _validate(accounts, shares);
        _splits[split].hash = hash;
        emit SplitUpdated(split, hash, accounts, shares);
    }

    /// @notice Starts handing control of `split` to `newController`, who must {acceptControl}.
    function transferControl(address split, address newController) external {
        _onlyController(split);
        _splits[split].pendingController = newController;
        emit ControlTransferInitiated(split, newController);
    }

    /// @notice Cancels a pending control transfer.
    function cancelControlTransfer(address split) external {
        _onlyController(split);
        delete _splits[split].pendingController;
        emit ControlTransferCancelled(split);
    }

    /// @notice Accepts control of `split` (pending controller only).
    function acceptControl(address split) external {
        Split storage s = _splits[split];
        if (s.pendingController != msg.sender || msg.sender == address(0)) revert Unauthorized(msg.sender);
        address previous = s.controller;
        s.controller = msg.sender;
        delete s.pendingController;
        emit ControlTransferred(split, previous, msg.sender);
    }

    /// @notice Gives up control forever: the split can never change again.
    function makeSplitImmutable(address split) external {
        _onlyController(split);
        delete _splits[split].controller;
        delete _splits[split].pendingController;
        emit SplitMadeImmutable(split);
    }

    // ------------------------------------------------------------------ distribution and withdrawal

    /// @notice Credits all ETH held by `split` to its recipients (passed again; checked against the stored hash).
    /// @dev Not `nonReentrant`: the only external call goes to the genuine wallet (our own code), which calls back
    /// {receive} and nothing else.
    function distributeETH(address split, address[] calldata accounts, uint32[] calldata shares) external {
        uint256 amount = split.balance;
        _checkRecipients(split, accounts, shares);
        if (amount != 0) {
            _expectedSender = split;
            _walletCall(split, address(this), amount, "");
            _expectedSender = address(0);
        }
        _distribute(address(0), amount, accounts, shares);
        emit Distributed(split, address(0), amount, msg.sender);
    }

    /// @notice Credits all of `token` held by `split` to its recipients.
    function distributeERC20(
        address split,
        IERC20 token,
        address[] calldata accounts,
        uint32[] calldata shares
    ) external nonReentrant {
        _checkRecipients(split, accounts, shares);
        uint256 amount = token.balanceOf(split);
        if (amount != 0) {
            uint256 before = token.balanceOf(address(this));
            _walletCall(split, address(token), 0, abi.encodeCall(IERC20.transfer, (address(this), amount)));
            // Credit what actually arrived (tokens returning false, fee-on-transfer tokens).
            amount = token.balanceOf(address(this)) - before;
        }
        _distribute(address(token), amount, accounts, shares);
        emit Distributed(split, address(token), amount, msg.sender);
    }

    /**
     * @notice Sends `account` its whole credited ETH balance (if `withdrawETH`) and its balance of each token.
     * Anyone may call; funds only ever go to `account`.
     */
    function withdraw(address account, bool withdrawETH, IERC20[] calldata tokens) external nonReentrant {
        bool any;
        if (withdrawETH) {
            uint256 amount = _balances[address(0)][account];
            if (amount != 0) {
                any = true;
                _balances[address(0)][account] = 0;
                emit Withdrawal(account, address(0), amount);
                (bool ok, ) = payable(account).call{value: amount}("");
                if (!ok) revert TransferFailed(account, amount);
            }
        }
        for (uint256 i = 0; i < tokens.length; ++i) {
            uint256 amount = _balances[address(tokens[i])][account];
            if (amount == 0) continue;
            any = true;
            _balances[address(tokens[i])][account] = 0;
            emit Withdrawal(account, address(tokens[i]), amount);
            tokens[i].safeTransfer(account, amount);
        }
        if (!any) revert NothingToWithdraw(account, address(0));
    }

    // ------------------------------------------------------------------ views

    /// @notice Credited, not yet withdrawn balance of `account` in `token` (zero = ETH).
    function balanceOf(address account, address token) external view returns (uint256) {
        return _balances[token][account];
    }

    /// @notice Current hash of `split` (zero if `split` is not a split of this contract).
    function splitHash(address split) public view returns (bytes32 hash) {
        hash = _immutableHash(split);
        if (hash == bytes32(0)) hash = _splits[split].hash;
    }

    /// @notice Controller of `split` (zero = immutable).
    function controllerOf(address split) external view returns (address) {
        return _splits[split].controller;
    }

    /// @notice Pending controller of `split`.
    function pendingControllerOf(address split) external view returns (address) {
        return _splits[split].pendingController;
    }

    /// @notice keccak256 of the packed recipients and shares, i.e. `keccak256(abi.encodePacked(accounts, shares))`
    /// (each element padded to 32 bytes, as in calldata).
    function hashSplit(address[] calldata accounts, uint32[] calldata shares) public pure returns (bytes32 hash) {
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            let a := shl(5, accounts.length)
            let b := shl(5, shares.length)
            calldatacopy(ptr, accounts.offset, a)
            calldatacopy(add(ptr, a), shares.offset, b)
            hash := keccak256(ptr, add(a, b))
        }
    }

    /// @notice Address {createSplit} deploys for these recipients and controller.
    function predictSplitAddress(
        address[] calldata accounts,
        uint32[] calldata shares,
        address controller
    ) external view returns (address) {
        return _predict(hashSplit(accounts, shares), controller);
    }

    // ------------------------------------------------------------------ internals

    /// @dev Credits `amount` of `token` among the recipients; remainder to the first.
    function _distribute(address token, uint256 amount, address[] calldata accounts, uint32[] calldata shares) internal virtual {
        if (amount == 0) return;
        uint256 credited;
        uint256 n = accounts.length;
        bool small = amount <= type(uint256).max / PERCENTAGE_SCALE;
        for (uint256 i = 1; i < n; ) {
            uint256 part = _share(amount, shares[i], small);
            _credit(token, accounts[i], part);
            unchecked {
                credited += part; // never above `amount`: shares sum to 100%
                ++i;
            }
        }
        _credit(token, accounts[0], amount - credited);
    }

    /// @dev Amount of `amount` due for `share` (rounded down); full-precision `mulDiv` only when needed.
    function _share(uint256 amount, uint32 share, bool small) internal pure virtual returns (uint256) {
        unchecked {
            return small ? (amount * share) / PERCENTAGE_SCALE : Math.mulDiv(amount, share, PERCENTAGE_SCALE);
        }
    }

    /// @dev Credits the ledger (pull payment).
    function _credit(address token, address account, uint256 amount) internal virtual {
        _balances[token][account] += amount;
    }

    function _walletCall(address split, address target, uint256 value, bytes memory data) private {
        // slither-disable-next-line low-level-calls
        (bool ok, ) = split.call(abi.encodePacked(uint256(uint160(target)), value, data));
        if (!ok) revert WalletCallFailed(split);
    }

    function _checkRecipients(address split, address[] calldata accounts, uint32[] calldata shares) private view {
        bytes32 stored = splitHash(split);
        if (stored == bytes32(0)) revert SplitNotFound(split);
        if (hashSplit(accounts, shares) != stored) revert WrongRecipients(split);
    }

    /// @dev The hash in `split`'s code if `split` is this contract's wallet for an immutable-from-birth split
    /// (its CREATE2 address with controller zero matches), else zero.
    function _immutableHash(address split) private view returns (bytes32 hash) {
        uint256 offset = SplitWalletV1.HASH_OFFSET;
        assembly ("memory-safe") {
            extcodecopy(split, 0, offset, 0x20)
            hash := mload(0)
        }
        if (hash == bytes32(0) || _predict(hash, address(0)) != split) return bytes32(0);
    }

    function _onlyController(address split) private view {
        if (msg.sender != _splits[split].controller || msg.sender == address(0)) revert Unauthorized(msg.sender);
    }

    function _validate(address[] calldata accounts, uint32[] calldata shares) private pure returns (bytes32) {
        uint256 n = accounts.length;
        if (n == 0) revert TooFewRecipients();
        if (n > MAX_RECIPIENTS) revert TooManyRecipients(n, MAX_RECIPIENTS);
        if (n != shares.length) revert LengthMismatch(n, shares.length);
        uint256 sum;
        for (uint256 i = 0; i < n; ++i) {
            if (i != 0 && accounts[i] <= accounts[i - 1]) revert AccountsNotSortedOrDuplicate(i);
            if (shares[i] == 0) revert ZeroShare(i);
            sum += shares[i];
        }
        if (sum != PERCENTAGE_SCALE) revert SharesNotFull(sum);
        return hashSplit(accounts, shares);
    }

    function _salt(bytes32 hash, address controller) private pure returns (bytes32 salt) {
        assembly ("memory-safe") {
            mstore(0, hash)
            mstore(0x20, controller)
            salt := keccak256(0, 0x40)
        }
    }

    /// @dev CREATE2 address of the wallet for (`hash`, `controller`); same as hashing `SplitWalletV1.initCode`.
    function _predict(bytes32 hash, address controller) private view returns (address predicted) {
        bytes32 salt = _salt(hash, controller);
        bytes32 codeHash = _walletInitCodeHash(hash);
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, or(shl(160, 0xff), address()))
            mstore(add(ptr, 0x20), salt)
            mstore(add(ptr, 0x40), codeHash)
            predicted := and(keccak256(add(ptr, 11), 85), 0xffffffffffffffffffffffffffffffffffffffff)
        }
    }

    function _walletInitCodeHash(bytes32 hash) private view returns (bytes32 codeHash) {
        // 9 + 87 = 96 bytes: hex"60578060095f395ff3" hex"3373" address(this) <33 code bytes> hash
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            // bytes 0..10: init prefix (9) + CALLER PUSH20 (2); bytes 11..30: address; 31: EQ (0x14)
            mstore(ptr, or(shl(168, 0x60578060095f395ff33373), shl(8, address())))
            mstore8(add(ptr, 31), 0x14)
            // bytes 32..63: the remaining 32 code bytes (ending in STOP); bytes 64..95: hash
            mstore(add(ptr, 32), 0x601b57005b5f5f604036038060405f375f6020355f355af16035575f5ffd5b00)
            mstore(add(ptr, 64), hash)
            codeHash := keccak256(ptr, 96)
        }
    }
}

/// @notice TEST ONLY: the v1 wallet code (see SplitMainV1).
library SplitWalletV1 {
    /// @notice Offset of the split hash in the wallet's runtime code.
    uint256 internal constant HASH_OFFSET = 0x37;

    /// @notice Creation code of a wallet controlled by `main` for a split whose initial hash is `hash`.
    function initCode(address main, bytes32 hash) internal pure returns (bytes memory) {
        return
            abi.encodePacked(
                hex"60578060095f395ff3",
                hex"3373",
                main,
                hex"14601b57005b5f5f604036038060405f375f6020355f355af16035575f5ffd5b00",
                hash
            );
    }
}
