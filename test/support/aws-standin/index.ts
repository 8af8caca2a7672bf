export { startAwsStandIn, SERVICES, type AwsStandIn, type RecordedRequest, type StandInOptions } from './server.ts';
export {
  priceListProduct,
  StandInState,
  type ClusterState,
  type NamespaceState,
  type RoleState,
  type SecurityGroupState,
  type WorkgroupState,
} from './state.ts';
