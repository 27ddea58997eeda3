export { canonicalJson, canonicalBytes, type JsonValue } from './canonical';
export { manifestDigestOf, sha256Hex, contentDigestOfCid, cidOfContentDigest, NotAContentCidError } from './digest';
export {
  IPTC_TRAINED_ALGORITHMIC_MEDIA,
  IPTC_COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA,
  DIGITAL_SOURCE_TYPES,
  aiDisclosureFor,
  summarizeEdits,
  EDIT_OP_KINDS,
  type EditOpKind,
  type AiDisclosure,
  type DigitalSourceType,
} from './disclosure';
export { CanonicalizationError, InvalidManifestError, InvalidManifestSignatureError, ReplayError } from './errors';
export {
  MANIFEST_VERSION,
  MANIFEST_VERSIONS,
  MANIFEST_TYPE,
  TRACK_FILES,
  trackManifestSchema,
  trackManifestV1Schema,
  anyTrackManifestSchema,
  procedureSchema,
  type TrackManifest,
  type TrackManifestV1,
  type AnyTrackManifest,
  type ManifestVersion,
  type Procedure,
  type ManifestEditLog,
  type ManifestGeneration,
  type EditSummary,
  type FileRecord,
} from './manifest-schema';
export {
  MOTIF_ARRANGEMENT,
  KNOWN_PROCEDURES,
  UnknownProcedureError,
  procedureLabel,
  proceduresOf,
  replayableProcedures,
  type KnownProcedures,
  type ManifestProcedures,
} from './procedures';
export {
  MOTIF_SAMPLER,
  generationFromComposeRequest,
  composeRequestOfManifest,
  manifestNotes,
  melodyNotes,
} from './studio-session';
export { parseManifest, parseAnyManifest, buildManifest, type BuildManifestParameters } from './manifest';
export {
  manifestDomain,
  manifestTypes,
  manifestTypedData,
  type ManifestDomain,
  type ManifestMessage,
} from './typed-data';
export {
  SIGNED_MANIFEST_TYPE,
  signedManifestSchema,
  parseSignedManifest,
  signManifest,
  verifyManifestSignature,
  type SignedManifest,
  type TypedDataSigner,
  type SignManifestParameters,
  type VerifyManifestSignatureParameters,
  type SignatureCheck,
} from './signed-manifest';
export {
  buildTrackMetadata,
  licenceUri,
  trackMetadataInputSchema,
  type TrackMetadata,
  type TrackMetadataInput,
  type Credit,
} from './metadata';
export {
  manifestJsonSchema,
  manifestJsonSchemaText,
  manifestJsonSchemaPath,
  MANIFEST_JSON_SCHEMA_PATH,
} from './json-schema';
export { readChainRecord, TokenNotFoundError, type ChainRecord, type ReadChainRecordParameters } from './chain-record';
export {
  verifyTrack,
  verifyTrackFiles,
  readTrackFiles,
  type VerifyCheck,
  type VerifyCheckName,
  type ReplayFn,
  type VerifyTrackParameters,
  type VerifyTrackResult,
  type VerifyChainOptions,
} from './verify-track';
export { parseTrackTarget, InvalidTrackTargetError } from './target';
