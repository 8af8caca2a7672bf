export { startAwsStandIn, SERVICES, type AwsStandIn, type RecordedRequest, type StandInOptions } from './server.ts';
export { StandInState, type ClusterState, type RoleState, type SecurityGroupState } from './state.ts';
