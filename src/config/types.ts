import type { Secret } from './secret.ts';

export const ENGINES = ['embedded', 'postgres', 'redshift'] as const;
export type EngineName = (typeof ENGINES)[number];

/** How the redshift engine reaches the cluster: the PostgreSQL wire protocol, or the Redshift Data API. */
export const ACCESS_MODES = ['direct', 'data-api'] as const;
export type AccessMode = (typeof ACCESS_MODES)[number];

/** What `cluster create` provisions: a provisioned cluster (nodes billed per hour) or Redshift Serverless (RPU-hours while queries run). */
export const CLUSTER_KINDS = ['provisioned', 'serverless'] as const;
export type ClusterKind = (typeof CLUSTER_KINDS)[number];

/**
 * How s3:// sources are read by the product's own loader: `auto` signs requests when AWS credentials
 * are found ([AWS] KEY/SECRET or the SDK's default chain) and sends unsigned requests otherwise (public
 * buckets such as s3://udacity-dend); `signed` / `unsigned` force one or the other.
 */
export const S3_SIGNING_MODES = ['auto', 'signed', 'unsigned'] as const;
export type S3Signing = (typeof S3_SIGNING_MODES)[number];

export interface WarehouseSection {
  readonly engine: EngineName;
  /** embedded engine: where the PostgreSQL cluster lives (relative paths are relative to the config's folder). */
  readonly dataDir: string;
  /** embedded engine: the port the embedded PostgreSQL listens on, on 127.0.0.1. */
  readonly port: number;
  /** Seconds a run that writes waits for another run's lock on the warehouse before failing (0: fail at once). */
  readonly lockTimeoutSeconds: number;
  /** Seconds to wait for a PostgreSQL/Redshift connection to be accepted and answered. */
  readonly connectTimeoutSeconds: number;
  /** Seconds one statement may run before the server cancels it (0: no limit). */
  readonly statementTimeoutSeconds: number;
}

export interface ClusterSection {
  readonly host: string | undefined;
  readonly dbName: string;
  readonly dbUser: string;
  readonly dbPassword: Secret;
  readonly dbPort: number;
  readonly identifier: string;
  /** provisioned: a cluster named IDENTIFIER; serverless: a namespace and a workgroup both named IDENTIFIER. */
  readonly kind: ClusterKind;
  readonly nodeType: string;
  readonly numNodes: number;
  /** serverless: the workgroup's base capacity in RPUs. */
  readonly baseCapacity: number;
  /** A Secrets Manager secret holding `username` and `password`: the Data API's SecretArn, and the direct engine's credentials. */
  readonly secretArn: string | undefined;
  readonly access: AccessMode;
  /** TLS for the redshift engine's pg connection (always on unless explicitly disabled for a stand-in). */
  readonly ssl: boolean;
  /** CIDR allowed into the cluster's security group; undefined = the caller's own public address /32. */
  readonly ingressCidr: string | undefined;
}

export interface IamRoleSection {
  readonly arn: string | undefined;
  readonly name: string;
}

export interface S3Section {
  readonly logData: string;
  readonly logJsonPath: string;
  /**
   * Where one day's events are, relative to LOG_DATA: `{yyyy}`, `{mm}` and `{dd}` stand for the day's
   * year, month and day (default `{yyyy}/{mm}/{yyyy}-{mm}-{dd}-events.json`, the layout of the real data).
   */
  readonly logPartition: string;
  readonly songData: string;
  /** True when no source key was configured and the generated sample under .sparkify/sample is used. */
  readonly usesSample: boolean;
  /** Bad records tolerated per staging load before the load fails (Redshift COPY MAXERROR). */
  readonly maxErrors: number;
  /** s3:// sources read by the product's loader: signed, unsigned, or decided by whether credentials exist. */
  readonly signing: S3Signing;
  /** ACCEPTINVCHARS: the ASCII character put in place of each byte of invalid UTF-8; undefined rejects such records. */
  readonly acceptInvChars: string | undefined;
}

/** Operational checks of a run (docs/daily-operation.md): freshness and volume. */
export interface ChecksSection {
  /** The latest loaded day may be at most this many days before today (UTC); unset: no freshness check unless --expect-through. */
  readonly maxAgeDays: number | undefined;
  /** A loaded day whose event count is above factor x or below 1/factor x the median of the 7 loaded days before it warns. */
  readonly volumeFactor: number;
}

export interface AwsSection {
  readonly region: string;
  readonly key: Secret | undefined;
  readonly secret: Secret | undefined;
  /** Seconds to establish a connection to an AWS endpoint (S3 included). */
  readonly connectTimeoutSeconds: number;
  /** Seconds an AWS request may wait for its answer to start, or a response may stall, before the attempt fails. */
  readonly requestTimeoutSeconds: number;
}

export interface DwhConfig {
  /** The file this was read from, or undefined when no file existed and only defaults/env were used. */
  readonly file: string | undefined;
  /** Folder relative paths resolve against (the config file's folder, else the working directory). */
  readonly baseDir: string;
  readonly warehouse: WarehouseSection;
  readonly cluster: ClusterSection;
  readonly iamRole: IamRoleSection;
  readonly s3: S3Section;
  readonly checks: ChecksSection;
  readonly aws: AwsSection;
}
