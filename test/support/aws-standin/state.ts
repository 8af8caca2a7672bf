/** What the stand-in's AWS account holds. Plain data, so tests can inspect and assert on it. */
export interface Tag {
  key: string;
  value: string;
}

export interface RoleState {
  name: string;
  id: string;
  arn: string;
  createdAt: Date;
  trustPolicy: string;
  description: string | undefined;
  tags: Tag[];
  attachedPolicies: string[];
}

export interface IngressRule {
  protocol: string;
  fromPort: number;
  toPort: number;
  cidr: string;
  description: string | undefined;
}

export interface SecurityGroupState {
  id: string;
  name: string;
  description: string;
  vpcId: string;
  tags: Tag[];
  ingress: IngressRule[];
}

export interface ClusterState {
  identifier: string;
  status: 'creating' | 'available' | 'deleting' | 'pausing' | 'paused' | 'resuming';
  /** DescribeClusters calls left before the next status change. */
  describesLeft: number;
  nodeType: string;
  numberOfNodes: number;
  dbName: string;
  masterUsername: string;
  port: number;
  iamRoles: string[];
  vpcSecurityGroupIds: string[];
  publiclyAccessible: boolean;
  region: string;
  createdAt: Date;
  tags: Tag[];
}

/** A Redshift Serverless namespace (database, admin user, IAM roles). */
export interface NamespaceState {
  name: string;
  id: string;
  arn: string;
  status: 'AVAILABLE' | 'MODIFYING' | 'DELETING';
  /** GetNamespace calls left before a DELETING namespace is gone. */
  getsLeft: number;
  dbName: string;
  adminUsername: string;
  iamRoles: string[];
  defaultIamRoleArn: string | undefined;
  createdAt: Date;
  tags: Tag[];
}

/** A Redshift Serverless workgroup (compute and endpoint) of a namespace. */
export interface WorkgroupState {
  name: string;
  id: string;
  arn: string;
  namespaceName: string;
  status: 'CREATING' | 'AVAILABLE' | 'MODIFYING' | 'DELETING';
  /** GetWorkgroup calls left before the next status change. */
  getsLeft: number;
  baseCapacity: number;
  port: number;
  securityGroupIds: string[];
  publiclyAccessible: boolean;
  region: string;
  createdAt: Date;
  tags: Tag[];
}

export interface SecretState {
  arn: string;
  name: string;
  secretString: string;
}

/** One DescribeOrderableClusterOptions entry. */
export interface OrderableOption {
  nodeType: string;
  clusterType: 'single-node' | 'multi-node';
}

export interface VpcState {
  id: string;
  cidr: string;
  isDefault: boolean;
}

/** An error to answer instead of running an action, `times` times. */
export interface InjectedFailure {
  action: string;
  code: string;
  message: string;
  status: number;
  times: number;
}

export class StandInState {
  readonly accountId = '123456789012';
  readonly roles = new Map<string, RoleState>();
  readonly securityGroups = new Map<string, SecurityGroupState>();
  readonly clusters = new Map<string, ClusterState>();
  readonly vpcs: VpcState[] = [{ id: 'vpc-0standin0default', cidr: '172.31.0.0/16', isDefault: true }];
  readonly namespaces = new Map<string, NamespaceState>();
  readonly workgroups = new Map<string, WorkgroupState>();
  readonly secrets = new Map<string, SecretState>();
  /** What DescribeOrderableClusterOptions answers and CreateCluster accepts: the RA3 types, ra3.large and ra3.xlplus also single-node. */
  orderable: OrderableOption[] = [
    { nodeType: 'ra3.large', clusterType: 'single-node' },
    { nodeType: 'ra3.large', clusterType: 'multi-node' },
    { nodeType: 'ra3.xlplus', clusterType: 'single-node' },
    { nodeType: 'ra3.xlplus', clusterType: 'multi-node' },
    { nodeType: 'ra3.4xlarge', clusterType: 'multi-node' },
    { nodeType: 'ra3.16xlarge', clusterType: 'multi-node' },
  ];
  /** The Price List API's products (GetProducts answers from these), as the PriceList JSON objects. */
  readonly priceList: Record<string, unknown>[] = [];
  /** Clusters answer `pausing` / `resuming` to this many DescribeClusters calls minus one. */
  describesUntilPaused = 2;
  describesUntilResumed = 2;
  /** Workgroups answer CREATING / DELETING to this many GetWorkgroup calls minus one; namespaces DELETING likewise. */
  getsUntilAvailable = 3;
  getsUntilDeleted = 2;
  readonly failures: InjectedFailure[] = [];
  /** Clusters answer `creating` to this many DescribeClusters calls minus one, then `available`. */
  describesUntilAvailable = 3;
  /** Clusters answer `deleting` to this many DescribeClusters calls minus one, then are gone. */
  describesUntilDeleted = 3;
  #nextId = 1;

  newId(prefix: string): string {
    return `${prefix}${(this.#nextId++).toString(16).padStart(17, '0')}`;
  }

  /** True when no role, security group, cluster, namespace or workgroup exists (the default VPC always does). */
  isEmpty(): boolean {
    return this.roles.size === 0 && this.securityGroups.size === 0 && this.clusters.size === 0 && this.namespaces.size === 0 && this.workgroups.size === 0;
  }

  takeFailure(action: string): InjectedFailure | undefined {
    const index = this.failures.findIndex((f) => f.action === action && f.times > 0);
    if (index === -1) return undefined;
    const failure = this.failures[index]!;
    failure.times -= 1;
    if (failure.times === 0) this.failures.splice(index, 1);
    return failure;
  }
}

/** A Price List product with one on-demand hourly price, shaped as GetProducts returns it. */
export function priceListProduct(
  attributes: Record<string, string>,
  usdPerUnit: string,
  unit = 'Hrs',
  productFamily = 'Compute Instance',
): Record<string, unknown> {
  const sku = `SKU${Object.values(attributes)
    .join('')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 12)
    .toUpperCase()}`;
  return {
    product: { productFamily, sku, attributes: { servicecode: 'AmazonRedshift', ...attributes } },
    serviceCode: 'AmazonRedshift',
    terms: {
      OnDemand: {
        [`${sku}.JRTCKXETXF`]: {
          priceDimensions: { [`${sku}.JRTCKXETXF.6YS6EN2CT7`]: { unit, pricePerUnit: { USD: usdPerUnit }, description: `${usdPerUnit} per ${unit}` } },
        },
      },
    },
    version: '20260101000000',
    publicationDate: '2026-01-01T00:00:00Z',
  };
}
