// solhint-disable one-contract-per-file, use-forbidden-name, gas-custom-errors
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC2981} from "@openzeppelin/contracts/token/common/ERC2981.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {ITokenVersion} from "../../interfaces/ITokenVersion.sol";

/**
 * @notice TEST ONLY: an ERC-721 + ERC-2981 collection without {ITokenVersion} (the market's fallback path).
 * Anyone may mint.
 */
contract PlainCollection is ERC721, ERC2981 {
    constructor() ERC721("Plain", "PLAIN") {}

    function mint(address to, uint256 tokenId, address royaltyReceiver, uint96 royaltyBps) external {
        _mint(to, tokenId);
        if (royaltyReceiver != address(0)) _setTokenRoyalty(tokenId, royaltyReceiver, royaltyBps);
    }

    function supportsInterface(bytes4 interfaceId) public view virtual override(ERC721, ERC2981) returns (bool) {
        return super.supportsInterface(interfaceId);
    }
}

/**
 * @notice TEST ONLY: a collection implementing {ITokenVersion} (advertised through ERC-165) the way Motif's
 * TrackCollection v2 does: the version of a token grows on every transfer and burn, never on mint.
 */
contract VersionedCollection is PlainCollection, ITokenVersion {
    mapping(uint256 tokenId => uint256) private _versions;

    function tokenVersion(uint256 tokenId) external view returns (uint256) {
        _requireOwned(tokenId);
        return _versions[tokenId];
    }

    function _update(address to, uint256 tokenId, address auth) internal override returns (address from) {
        from = super._update(to, tokenId, auth);
        if (from != address(0)) ++_versions[tokenId];
    }

    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId == type(ITokenVersion).interfaceId || super.supportsInterface(interfaceId);
    }
}

/**
 * @notice TEST ONLY: advertises {ITokenVersion} but never changes the version (a broken collection); the market
 * must refuse to sell through an order it could not use up.
 */
contract FrozenVersionCollection is PlainCollection, ITokenVersion {
    function tokenVersion(uint256 tokenId) external view returns (uint256) {
        _requireOwned(tokenId);
        return 7;
    }

    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId == type(ITokenVersion).interfaceId || super.supportsInterface(interfaceId);
    }
}

/**
 * @notice TEST ONLY: an "ERC-721" that says `owner_` owns every token and approves everyone, and whose transfers
 * do nothing: a buyer pays and receives nothing unless the market checks the result of the transfer.
 */
contract LyingERC721 is IERC165 {
    address public immutable fakeOwner;

    event Transfer(address indexed from, address indexed to, uint256 indexed tokenId);

    constructor(address owner_) {
        fakeOwner = owner_;
    }

    function ownerOf(uint256) external view returns (address) {
        return fakeOwner;
    }

    function getApproved(uint256) external pure returns (address) {
        return address(0);
    }

    function isApprovedForAll(address, address) external pure returns (bool) {
        return true;
    }

    function transferFrom(address from, address to, uint256 tokenId) public {
        emit Transfer(from, to, tokenId); // claims a transfer, moves nothing
    }

    function safeTransferFrom(address from, address to, uint256 tokenId) external {
        transferFrom(from, to, tokenId);
    }

    function safeTransferFrom(address from, address to, uint256 tokenId, bytes calldata) external {
        transferFrom(from, to, tokenId);
    }

    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == type(IERC165).interfaceId || interfaceId == type(IERC721).interfaceId;
    }
}

/**
 * @notice TEST ONLY: a smart-contract wallet (ERC-1271) controlled by one EOA key; it can approve a market.
 */
contract MockERC1271Wallet is IERC1271 {
    address public immutable signer;

    constructor(address signer_) {
        signer = signer_;
    }

    function approve(IERC721 collection, address operator) external {
        require(msg.sender == signer, "signer");
        collection.setApprovalForAll(operator, true);
    }

    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        (address recovered, ECDSA.RecoverError err, ) = ECDSA.tryRecoverCalldata(hash, signature);
        return err == ECDSA.RecoverError.NoError && recovered == signer ? IERC1271.isValidSignature.selector : bytes4(0);
    }

    function onERC721Received(address, address, uint256, bytes calldata) external pure returns (bytes4) {
        return this.onERC721Received.selector;
    }

    receive() external payable {}
}
