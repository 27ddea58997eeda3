// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SplitWallet} from "./SplitWallet.sol";

/**
 * @title SplitMain (v2)
 * @notice Royalty splits in the 0xSplits (v1) design. A split is a list of recipients with shares summing to
 * exactly {PERCENTAGE_SCALE} (1e6 = 100%). Each split has its own address, a tiny {SplitWallet} account deployed
 * with CREATE2 at an address predictable before creation (salt = keccak256(splitHash, controller)), which
 * receives ETH and ERC-20 tokens. Only the split's hash is stored; recipients are passed again on distribution
 * and must be exactly the validated lists the hash was made of ({hashSplit} = keccak256(abi.encode(accounts,
 * shares)), lengths included). Anyone may distribute a split's balance into this contract's ledger; each
 * recipient then pulls its own balance with {withdraw}, so a reverting recipient can only block itself. A split
 * may be a recipient of another split (its withdrawal is a plain ETH payment or token transfer to its wallet).
 *
 * @dev Rounding is exact over time. Per split and token this contract remembers `r`, the split's total distributed
 * to its current recipient list modulo {PERCENTAGE_SCALE}. A distribution of `amount` credits recipient `i`
 * `floor((r + amount) * share_i / 1e6) - floor(r * share_i / 1e6)`, which telescopes: after any sequence of
 * distributions recipient `i` holds exactly `floor(total * share_i / 1e6)` of the `total` distributed to the list
 * (less than 1 wei short of its exact share over the whole sequence, and no recipient is favoured; v1 gave all
 * dust to the first recipient, so a small payee of a 2-decimal token could get nothing forever). What is not yet credited (fewer wei than there are
 * recipients) stays in this contract as the split's "held" remainder ({heldOf}) and is credited by later
 * distributions, so every wei in == every wei credited + every wei held. When a controller changes the
 * recipients, the held remainder is carried into the first distribution to the new recipients. The word is
 * stored only while something is held (one slot per split and token; zero when every share divided evenly).
 *
 * Ledger slots are never reset to zero (0xSplits' trick): a slot holds 1 + the withdrawable balance once an account
 * was first credited, so withdrawing leaves the slot non-zero and the next credit costs 2,900 gas instead of 20,000.
 * The extra 1 is a marker, not a wei: {balanceOf} and {withdraw} pay out every credited wei.
 *
 * Control: a split without controller is immutable from birth; a controller may update recipients, hand control
 * over in two steps, or give control up forever. While a hand-over is pending, {updateSplit} and
 * {makeSplitImmutable} are frozen (the outgoing controller must {cancelControlTransfer} first, which the incoming
 * controller sees), so recipients cannot be rewritten between {transferControl} and {acceptControl}.
 */
contract SplitMain is ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice 100% in share units.
    uint32 public constant PERCENTAGE_SCALE = 1e6;
    /// @notice Most recipients a split may have.
    uint256 public constant MAX_RECIPIENTS = 200;

    /// @dev Remainder word layout: bits 0..19 `r` (< 1e6 < 2^20), bits 20..27 held remainder (< 200 < 2^8), bits
    /// 28..255 the top 228 bits of the recipients' hash the word was written for.
    uint256 private constant _R_MASK = 0xfffff;
    uint256 private constant _HELD_SHIFT = 20;
    uint256 private constant _TAG_SHIFT = 28;

    struct Split {
        bytes32 hash;
        address controller;
        address pendingController;
    }

    /// @dev Mutable splits (and splits that were mutable) only; an immutable-from-birth split stores nothing here:
    /// its hash lives in its wallet's code.
    mapping(address split => Split) private _splits;
    /// @dev token (address(0) = ETH) => account => 0 if never credited, else 1 + credited and not yet withdrawn.
    mapping(address token => mapping(address account => uint256)) private _balances;
    /// @dev split => token (address(0) = ETH) => remainder word (see `_R_MASK`).
    mapping(address split => mapping(address token => uint256)) private _remainders;
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
    /**
     * @notice `split`'s recipients were credited `credits[i]` of `token` (zero = ETH) each, in the ledger.
     * `amount` is the sum of `credits`; it can differ from what the wallet held by the split's held remainder
     * (fewer wei than recipients, see {heldOf}). Statements should read `credits`, never recompute them.
     */
    event Distributed(
        address indexed split,
        address indexed token,
        uint256 amount,
        address distributor,
        address[] accounts,
        uint256[] credits
    );
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
    error ControlTransferPending(address split, address pendingController);
    error InvalidNewController(address newController);
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
        bytes memory code = SplitWallet.initCode(address(this), hash);
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

    /**
     * @notice Replaces a mutable split's recipients (controller only). The split keeps its address. Reverts with
     * {ControlTransferPending} while a hand-over is pending: cancel it first.
     */
    function updateSplit(address split, address[] calldata accounts, uint32[] calldata shares) external {
        _onlyControllerNoHandover(split);
        bytes32 hash = _validate(accounts, shares);
        _splits[split].hash = hash;
        emit SplitUpdated(split, hash, accounts, shares);
    }

    /**
     * @notice Starts handing control of `split` to `newController`, who must {acceptControl}. Freezes
     * {updateSplit} and {makeSplitImmutable} until accepted or cancelled. Calling it again re-targets the hand-over.
     */
    function transferControl(address split, address newController) external {
        _onlyController(split);
        if (newController == address(0)) revert InvalidNewController(newController);
        _splits[split].pendingController = newController;
        emit ControlTransferInitiated(split, newController);
    }

    /// @notice Cancels a pending control transfer (unfreezes {updateSplit}).
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

    /// @notice Gives up control forever: the split can never change again. Frozen while a hand-over is pending.
    function makeSplitImmutable(address split) external {
        _onlyControllerNoHandover(split);
        delete _splits[split].controller;
        emit SplitMadeImmutable(split);
    }

    // ------------------------------------------------------------------ distribution and withdrawal

    /**
     * @notice Credits all ETH held by `split` (plus its held remainder) to its recipients, passed again: they must
     * be exactly the lists the split's hash was made of.
     * @dev Not `nonReentrant` (saves its cost on the hottest path): the only external code it runs is the genuine
     * wallet (checked by hash and CREATE2 address), which only calls back {receive}; state is written after that.
     */
    function distributeETH(address split, address[] calldata accounts, uint32[] calldata shares) external {
        bytes32 hash = _checkRecipients(split, accounts, shares);
        uint256 amount = split.balance;
        if (amount != 0) {
            _expectedSender = split;
            bool ok;
            // Hand-written: the wallet command `address(this) ++ amount` from scratch memory, no bytes built in
            // Solidity (part of the distribute5.steady gas goal).
            assembly ("memory-safe") {
                mstore(0, address())
                mstore(0x20, amount)
                ok := call(gas(), split, 0, 0, 0x40, 0, 0)
            }
            if (!ok) revert WalletCallFailed(split);
            _expectedSender = address(0);
        }
        _distribute(split, address(0), hash, amount, accounts, shares);
    }

    /// @notice Credits all of `token` held by `split` (plus its held remainder) to its recipients.
    function distributeERC20(
        address split,
        IERC20 token,
        address[] calldata accounts,
        uint32[] calldata shares
    ) external nonReentrant {
        bytes32 hash = _checkRecipients(split, accounts, shares);
        uint256 amount = token.balanceOf(split);
        if (amount != 0) {
            uint256 before = token.balanceOf(address(this));
            _walletCall(split, address(token), 0, abi.encodeCall(IERC20.transfer, (address(this), amount)));
            // Credit what actually arrived (tokens returning false, fee-on-transfer tokens).
            amount = token.balanceOf(address(this)) - before;
        }
        _distribute(split, address(token), hash, amount, accounts, shares);
    }

    /**
     * @notice Sends `account` its whole credited ETH balance (if `withdrawETH`) and its balance of each token.
     * Anyone may call; funds only ever go to `account` (a split's wallet accepts them as a plain payment).
     */
    function withdraw(address account, bool withdrawETH, IERC20[] calldata tokens) external nonReentrant {
        bool any = withdrawETH && _payETH(account);
        for (uint256 i = 0; i < tokens.length; ++i) {
            uint256 stored = _balances[address(tokens[i])][account];
            if (stored < 2) continue;
            any = true;
            _balances[address(tokens[i])][account] = 1;
            uint256 amount;
            unchecked {
                amount = stored - 1;
            }
            emit Withdrawal(account, address(tokens[i]), amount);
            tokens[i].safeTransfer(account, amount);
        }
        if (!any) revert NothingToWithdraw(account, address(0));
    }

    /**
     * @notice Sends `account` its whole credited ETH balance: {withdraw} for the common case, with a third of its
     * calldata (about 400 gas less per withdrawal, which the `gas.split.cycle5` goal needs). Anyone may call; funds
     * only ever go to `account`.
     */
    function withdrawEther(address account) external nonReentrant {
        if (!_payETH(account)) revert NothingToWithdraw(account, address(0));
    }

    // ------------------------------------------------------------------ views

    /// @notice Credited, not yet withdrawn balance of `account` in `token` (zero = ETH).
    function balanceOf(address account, address token) external view returns (uint256) {
        uint256 stored = _balances[token][account];
        unchecked {
            return stored == 0 ? 0 : stored - 1;
        }
    }

    /**
     * @notice Wei (or token units) of `token` this contract holds for `split`, not yet credited to anyone: the
     * rounding remainder of its distributions (always fewer than its number of recipients).
     */
    function heldOf(address split, address token) external view returns (uint256) {
        return (_remainders[split][token] >> _HELD_SHIFT) & 0xff;
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

    /// @notice `keccak256(abi.encode(accounts, shares))`: unambiguous, both lengths are part of the hash.
    function hashSplit(address[] calldata accounts, uint32[] calldata shares) public pure returns (bytes32 hash) {
        // Hand-written: copies the calldata words as they are instead of re-encoding element by element (runs on
        // every distribution). Equal to abi.encode's output for clean calldata; Solidity reverts on dirty
        // elements when {createSplit} validates them, so every stored hash is of clean lists.
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            let a := shl(5, accounts.length)
            let b := shl(5, shares.length)
            mstore(ptr, 0x40)
            mstore(add(ptr, 0x20), add(0x60, a))
            mstore(add(ptr, 0x40), accounts.length)
            calldatacopy(add(ptr, 0x60), accounts.offset, a)
            mstore(add(ptr, add(0x60, a)), shares.length)
            calldatacopy(add(ptr, add(0x80, a)), shares.offset, b)
            hash := keccak256(ptr, add(0x80, add(a, b)))
        }
    }

    /// @notice Address {createSplit} deploys for these recipients and controller (validates the lists).
    function predictSplitAddress(
        address[] calldata accounts,
        uint32[] calldata shares,
        address controller
    ) external view returns (address) {
        return _predict(_validate(accounts, shares), controller);
    }

    // ------------------------------------------------------------------ internals

    /**
     * @dev Credits `amount` of `token`, just pulled from `split`, plus the split's held remainder, to the
     * recipients (see the contract's rounding note), stores the new remainder word and emits {Distributed}.
     */
    function _distribute(
        address split,
        address token,
        bytes32 hash,
        uint256 amount,
        address[] calldata accounts,
        uint32[] calldata shares
    ) private {
        uint256 word = _remainders[split][token];
        uint256 r;
        if ((word ^ uint256(hash)) >> _TAG_SHIFT == 0) {
            r = word & _R_MASK;
        } else {
            // Recipients changed since the word was written (or first distribution): start a new cumulative
            // total and carry the previous recipients' held remainder into it.
            amount += (word >> _HELD_SHIFT) & 0xff;
        }
        amount += r; // from here on: the cumulative total modulo 1e6, plus this distribution
        (uint256[] memory credits, uint256 credited, uint256 newWord) = _creditAll(
            _balances[token], // the token's ledger: one hash per credit instead of two
            r,
            amount,
            accounts,
            shares
        );
        // Nothing held means every payee's exact share was a whole number: `r` no longer matters (floors of r + x
        // and of x then differ by exactly r * share / 1e6), so the word is cleared and the slot stays zero for
        // splits that always divide evenly. Otherwise tag it with the recipients' hash.
        if (newWord >> _HELD_SHIFT == 0) newWord = 0;
        else newWord |= (uint256(hash) >> _TAG_SHIFT) << _TAG_SHIFT;
        if (newWord != word) _remainders[split][token] = newWord;
        _emitDistributed(split, token, credited, accounts, credits);
    }

    /// @dev `emit Distributed(split, token, credited, msg.sender, accounts, credits)`, hand-written (part of the
    /// distribute5.steady gas goal): the accounts are copied from calldata as they are (the caller proved them equal
    /// to the validated lists) and the credits with MCOPY, instead of Solidity's element-by-element encoding.
    function _emitDistributed(
        address split,
        address token,
        uint256 credited,
        address[] calldata accounts,
        uint256[] memory credits
    ) private {
        bytes32 topic = Distributed.selector;
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            let a := shl(5, accounts.length)
            mstore(ptr, credited)
            mstore(add(ptr, 0x20), caller())
            mstore(add(ptr, 0x40), 0x80) // offset of accounts
            mstore(add(ptr, 0x60), add(0xa0, a)) // offset of credits
            mstore(add(ptr, 0x80), accounts.length)
            calldatacopy(add(ptr, 0xa0), accounts.offset, a)
            mcopy(add(ptr, add(0xa0, a)), credits, add(0x20, a)) // length word and elements
            log3(ptr, add(0xc0, shl(1, a)), topic, split, token)
        }
    }

    /**
     * @dev Credits recipient `i` `floor(total * share_i / 1e6) - floor(r * share_i / 1e6)`.
     * @return credits Each recipient's credit.
     * @return credited Sum of `credits`.
     * @return low The remainder word's low bits: the new held remainder and `total % 1e6` (no tag).
     */
    function _creditAll(
        mapping(address account => uint256) storage ledger,
        uint256 r,
        uint256 total,
        address[] calldata accounts,
        uint32[] calldata shares
    ) private returns (uint256[] memory credits, uint256 credited, uint256 low) {
        credits = new uint256[](accounts.length);
        bool small = total <= type(uint256).max / PERCENTAGE_SCALE;
        for (uint256 i = 0; i < accounts.length; ) {
            uint256 share = shares[i];
            uint256 was;
            uint256 part;
            unchecked {
                was = (r * share) / PERCENTAGE_SCALE; // r < 1e6: no overflow
                // floor(total * share / 1e6), full-precision mulDiv only when the product could overflow
                part = (small ? (total * share) / PERCENTAGE_SCALE : Math.mulDiv(total, share, PERCENTAGE_SCALE)) - was;
                low += was; // sum of was <= r
                credited += part; // <= total: shares sum to 100%
            }
            if (part != 0) {
                credits[i] = part;
                _credit(ledger, accounts[i], part);
            }
            unchecked {
                ++i;
            }
        }
        unchecked {
            // held = total - sum(floor(total * share_i / 1e6)) < number of recipients <= 200
            low = ((total - low - credited) << _HELD_SHIFT) | (total % PERCENTAGE_SCALE);
        }
    }

    /// @dev Pays out `account`'s ETH credit, keeping its ledger slot non-zero; false when there was nothing to pay.
    function _payETH(address account) private returns (bool) {
        uint256 stored = _balances[address(0)][account];
        if (stored < 2) return false;
        _balances[address(0)][account] = 1;
        uint256 amount;
        unchecked {
            amount = stored - 1;
        }
        emit Withdrawal(account, address(0), amount);
        (bool ok, ) = payable(account).call{value: amount}("");
        if (!ok) revert TransferFailed(account, amount);
        return true;
    }

    /// @dev Credits the ledger (pull payment); a slot, once used, never goes back to zero (see the contract's note).
    function _credit(mapping(address account => uint256) storage ledger, address account, uint256 amount) private {
        uint256 stored = ledger[account];
        ledger[account] = stored == 0 ? amount + 1 : stored + amount;
    }

    function _walletCall(address split, address target, uint256 value, bytes memory data) private {
        // slither-disable-next-line low-level-calls
        (bool ok, ) = split.call(abi.encodePacked(uint256(uint160(target)), value, data));
        if (!ok) revert WalletCallFailed(split);
    }

    function _checkRecipients(
        address split,
        address[] calldata accounts,
        uint32[] calldata shares
    ) private view returns (bytes32 stored) {
        stored = splitHash(split);
        if (stored == bytes32(0)) revert SplitNotFound(split);
        if (hashSplit(accounts, shares) != stored) revert WrongRecipients(split);
    }

    /// @dev The hash in `split`'s code if `split` is this contract's wallet for an immutable-from-birth split
    /// (its CREATE2 address with controller zero matches), else zero.
    function _immutableHash(address split) private view returns (bytes32 hash) {
        uint256 offset = SplitWallet.HASH_OFFSET;
        assembly ("memory-safe") {
            extcodecopy(split, 0, offset, 0x20)
            hash := mload(0)
        }
        if (hash == bytes32(0) || _predict(hash, address(0)) != split) return bytes32(0);
    }

    function _onlyController(address split) private view {
        if (msg.sender != _splits[split].controller || msg.sender == address(0)) revert Unauthorized(msg.sender);
    }

    function _onlyControllerNoHandover(address split) private view {
        _onlyController(split);
        address pending = _splits[split].pendingController;
        if (pending != address(0)) revert ControlTransferPending(split, pending);
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

    /// @dev CREATE2 address of the wallet for (`hash`, `controller`); same as hashing `SplitWallet.initCode`.
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

    /// @dev keccak256(SplitWallet.initCode(address(this), hash)) without building the bytes in Solidity: runs on
    /// every distribution of an immutable split (a test checks it against the library).
    function _walletInitCodeHash(bytes32 hash) private view returns (bytes32 codeHash) {
        // 103 bytes: init (9) + runtime head (7) | address (20) | runtime tail (35) | hash (32).
        // Written back to front so each later 32-byte store only overwrites bytes with their final value.
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            // bytes 39..70: runtime tail bytes 3..34
            mstore(add(ptr, 39), 0x575f5ffd5b5f5f604036038060405f375f6020355f355af1603c575f5ffd5b00)
            // bytes 71..102: the hash
            mstore(add(ptr, 71), hash)
            // bytes 32..35: last 4 address bytes; bytes 36..63: runtime tail bytes 0..27
            mstore(
                add(ptr, 32),
                or(shl(224, and(address(), 0xffffffff)), 0x146022575f5ffd5b5f5f604036038060405f375f6020355f355af160)
            )
            // bytes 0..15: init + runtime head; bytes 16..31: first 16 address bytes
            mstore(ptr, or(shl(128, 0x605e8060095f395ff33615603c573373), shr(32, address())))
            codeHash := keccak256(ptr, 103)
        }
    }
}
