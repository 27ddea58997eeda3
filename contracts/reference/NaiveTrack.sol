// solhint-disable gas-increment-by-one
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC721URIStorage} from "@openzeppelin/contracts/token/ERC721/extensions/ERC721URIStorage.sol";
import {ERC2981} from "@openzeppelin/contracts/token/common/ERC2981.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/**
 * @title NaiveTrack
 * @notice Gas REFERENCE only (never deployed by the app): the straightforward OpenZeppelin way to mint a track,
 * ERC721URIStorage storing the full `ipfs://` URI string + ERC2981 per-token royalty + a digest mapping, and a
 * lazy-mint voucher that pushes the payment to the creator.
 */
contract NaiveTrack is ERC721URIStorage, ERC2981, EIP712 {
    bytes32 private constant _VOUCHER_TYPEHASH =
        keccak256("Voucher(address creator,string uri,uint256 price,address royaltyReceiver,uint96 royaltyBps,uint256 nonce)");

    struct Voucher {
        address creator;
        string uri;
        uint256 price;
        address royaltyReceiver;
        uint96 royaltyBps;
        uint256 nonce;
    }

    uint256 public nextId = 1;
    mapping(address creator => mapping(uint256 nonce => bool)) public usedNonce;

    error BadVoucher();

    constructor() ERC721("Naive", "NAIVE") EIP712("Naive", "1") {}

    function mint(address to, string calldata uri, address receiver, uint96 bps) external returns (uint256 id) {
        id = nextId++;
        _mint(to, id);
        _setTokenURI(id, uri);
        _setTokenRoyalty(id, receiver, bps);
    }

    function redeem(Voucher calldata v, bytes calldata signature) external payable returns (uint256 id) {
        bytes32 digest = _hashTypedDataV4(
            keccak256(abi.encode(_VOUCHER_TYPEHASH, v.creator, keccak256(bytes(v.uri)), v.price, v.royaltyReceiver, v.royaltyBps, v.nonce))
        );
        if (ECDSA.recover(digest, signature) != v.creator || usedNonce[v.creator][v.nonce] || msg.value != v.price) {
            revert BadVoucher();
        }
        usedNonce[v.creator][v.nonce] = true;
        id = nextId++;
        _mint(msg.sender, id);
        _setTokenURI(id, v.uri);
        _setTokenRoyalty(id, v.royaltyReceiver, v.royaltyBps);
        (bool ok, ) = v.creator.call{value: msg.value}("");
        if (!ok) revert BadVoucher();
    }

    function voucherDigest(Voucher calldata v) external view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(abi.encode(_VOUCHER_TYPEHASH, v.creator, keccak256(bytes(v.uri)), v.price, v.royaltyReceiver, v.royaltyBps, v.nonce))
        );
    }

    function supportsInterface(bytes4 id) public view override(ERC721URIStorage, ERC2981) returns (bool) {
        return super.supportsInterface(id);
    }

    function tokenURI(uint256 id) public view override(ERC721URIStorage) returns (string memory) {
        return super.tokenURI(id);
    }
}
