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
  status: 'creating' | 'available' | 'deleting';
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
  readonly failures: InjectedFailure[] = [];
  /** Clusters answer `creating` to this many DescribeClusters calls minus one, then `available`. */
  describesUntilAvailable = 3;
  /** Clusters answer `deleting` to this many DescribeClusters calls minus one, then are gone. */
  describesUntilDeleted = 3;
  #nextId = 1;

  newId(prefix: string): string {
    return `${prefix}${(this.#nextId++).toString(16).padStart(17, '0')}`;
  }

  /** True when no role, security group or cluster exists (the default VPC always does). */
  isEmpty(): boolean {
    return this.roles.size === 0 && this.securityGroups.size === 0 && this.clusters.size === 0;
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
