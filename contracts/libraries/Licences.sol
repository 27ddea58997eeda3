// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/**
 * @title Licences
 * @notice The enumerated licences a track can carry, with a name and a URI per id.
 * @dev Ids 0-5 are a16z "Can't Be Evil" licences in a16z's own order (their `LicenseVersion` enum: PUBLIC, EXCLUSIVE,
 * COMMERCIAL, COMMERCIAL_NO_HATE, PERSONAL, PERSONAL_NO_HATE), whose URIs are
 * `ar://zmc1WTspIhFyVY82bwfAIcIExLFH5lUcHHUN0wXg4W8/<index>`: the bundle a16z published on 2022-10-10, which
 * superseded the original 2022 bundle `ar://_D9kN1WrNWbCq55BSAGRbTB4bS3v8QAPTYmBThSbX3A/` (CBE-CC0, CBE-ECR, CBE-NECR,
 * CBE-NECR-HS, CBE-PR, CBE-PR-HS, same order). Ids 6-12 are Creative Commons licences.
 * Ids are stable: new licences may only be appended (a token stores its id in 4 bits, so at most 16 licences).
 */
library Licences {
    /// @notice The id passed is not a known licence.
    error UnknownLicence(uint8 id);

    uint8 internal constant CBE_PUBLIC = 0;
    uint8 internal constant CBE_EXCLUSIVE = 1;
    uint8 internal constant CBE_COMMERCIAL = 2;
    uint8 internal constant CBE_COMMERCIAL_NO_HATE = 3;
    uint8 internal constant CBE_PERSONAL = 4;
    uint8 internal constant CBE_PERSONAL_NO_HATE = 5;
    uint8 internal constant CC0_1_0 = 6;
    uint8 internal constant CC_BY_4_0 = 7;
    uint8 internal constant CC_BY_SA_4_0 = 8;
    uint8 internal constant CC_BY_NC_4_0 = 9;
    uint8 internal constant CC_BY_NC_SA_4_0 = 10;
    uint8 internal constant CC_BY_ND_4_0 = 11;
    uint8 internal constant CC_BY_NC_ND_4_0 = 12;
    /// @notice Number of licences; valid ids are `0 .. COUNT - 1`.
    uint8 internal constant COUNT = 13;

    string private constant _CBE_BASE = "ar://zmc1WTspIhFyVY82bwfAIcIExLFH5lUcHHUN0wXg4W8/";

    /// @notice Reverts unless `id` is a known licence.
    function check(uint8 id) internal pure {
        if (id >= COUNT) revert UnknownLicence(id);
    }

    /// @notice The SPDX-style short name of licence `id`.
    function name(uint8 id) internal pure returns (string memory) {
        check(id);
        string[13] memory names = [
            "CBE-PUBLIC",
            "CBE-EXCLUSIVE",
            "CBE-COMMERCIAL",
            "CBE-COMMERCIAL-NO-HATE",
            "CBE-PERSONAL",
            "CBE-PERSONAL-NO-HATE",
            "CC0-1.0",
            "CC-BY-4.0",
            "CC-BY-SA-4.0",
            "CC-BY-NC-4.0",
            "CC-BY-NC-SA-4.0",
            "CC-BY-ND-4.0",
            "CC-BY-NC-ND-4.0"
        ];
        return names[id];
    }

    /// @notice The URI of the legal text of licence `id`.
    function uri(uint8 id) internal pure returns (string memory) {
        check(id);
        if (id < CC0_1_0) return string.concat(_CBE_BASE, _digit(id));
        if (id == CC0_1_0) return "https://creativecommons.org/publicdomain/zero/1.0/";
        string[6] memory paths = ["by", "by-sa", "by-nc", "by-nc-sa", "by-nd", "by-nc-nd"];
        return string.concat("https://creativecommons.org/licenses/", paths[id - CC_BY_4_0], "/4.0/");
    }

    function _digit(uint8 d) private pure returns (string memory) {
        bytes memory b = new bytes(1);
        b[0] = bytes1(48 + d);
        return string(b);
    }
}
