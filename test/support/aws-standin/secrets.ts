import { AwsFault } from './protocol.ts';
import { stringField, type JsonHandler } from './json-service.ts';

export const secretsActions: Record<string, JsonHandler> = {
  GetSecretValue: ({ body, state }) => {
    const id = stringField(body, 'SecretId') ?? '';
    const secret = [...state.secrets.values()].find((s) => s.arn === id || s.name === id);
    if (!secret) throw new AwsFault('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
    return {
      ARN: secret.arn,
      Name: secret.name,
      SecretString: secret.secretString,
      VersionId: 'standin-version',
      VersionStages: ['AWSCURRENT'],
      CreatedDate: 1767225600,
    };
  },
};
